package dev.infergate.gateway.security;

import java.security.Principal;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One line on the {@code infergate.audit} logger per write to the admin port, accepted or refused:
 * who, what, the outcome and the version it produced. Bodies, headers and credentials are never
 * logged.
 */
final class AdminAuditFilter implements WebFilter {

    static final String LOGGER = "infergate.audit";
    private static final String USER_ATTRIBUTE = AdminAuditFilter.class.getName() + ".user";
    private static final Logger audit = LoggerFactory.getLogger(LOGGER);
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!WRITES.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).doFinally(signal -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            int code = status == null ? 200 : status.value();
            String version = exchange.getResponse().getHeaders().getFirst("Infergate-Version");
            audit.info("user={} action=\"{} {}\" outcome={} status={} version={}",
                    exchange.getAttributeOrDefault(USER_ATTRIBUTE, "anonymous"),
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(),
                    code < 400 ? "accepted" : "rejected", code, version == null ? "-" : version);
        });
    }

    /**
     * Records who is authenticated, for the audit line: placed after authentication, where the
     * security context is known, while the audit line is written by the outermost filter.
     */
    static WebFilter capture() {
        return (exchange, chain) -> exchange.getPrincipal().map(Principal::getName)
                .doOnNext(user -> exchange.getAttributes().put(USER_ATTRIBUTE, user))
                .then(chain.filter(exchange));
    }
}
