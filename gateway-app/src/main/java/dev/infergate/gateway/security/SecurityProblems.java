package dev.infergate.gateway.security;

import dev.infergate.gateway.web.Problem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 of the admin port as problem+json, like every other refusal. */
final class SecurityProblems {

    private final JsonMapper json;

    SecurityProblems(JsonMapper json) {
        this.json = json;
    }

    /** 401 with a Basic challenge, for API clients. */
    ServerAuthenticationEntryPoint unauthorized() {
        return (exchange, error) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Infergate admin\"");
            return write(exchange, new Problem("unauthorized", 401, "Unauthorized",
                    "Sign in: HTTP Basic for API clients, the console's login for browsers."));
        };
    }

    ServerAccessDeniedHandler forbidden() {
        return (exchange, error) -> write(exchange, new Problem("forbidden", 403, "Forbidden", reason(error)));
    }

    private static String reason(AccessDeniedException error) {
        if (error instanceof CsrfException) {
            return "The CSRF token is missing or wrong: session-authenticated writes must send it.";
        }
        if (error.getMessage() != null && error.getMessage().startsWith("Origin ")) {
            return error.getMessage() + ": writes from other sites are refused.";
        }
        return "Your role does not allow this: writes need the OPERATOR role.";
    }

    private Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        byte[] body = json.writeValueAsBytes(problem.body(exchange.getRequest().getPath().value(), exchange.getRequest().getId()));
        exchange.getResponse().setStatusCode(HttpStatus.valueOf(problem.status()));
        exchange.getResponse().getHeaders().set(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
    }
}
