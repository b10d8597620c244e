package dev.infergate.gateway.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /admin/api/session}: who is signed in, with which roles, and, for a browser session,
 * the CSRF token its writes must carry. The console reads it once when it opens. Clients using
 * HTTP Basic get no token: they need none, and asking for one would create a session.
 */
final class SessionHandler {

    private static final String SESSION_COOKIE = "SESSION";

    Mono<ServerResponse> session(ServerRequest request) {
        Mono<CsrfToken> token = request.cookies().containsKey(SESSION_COOKIE)
                ? request.exchange().getAttributeOrDefault(CsrfToken.class.getName(), Mono.<CsrfToken>empty())
                : Mono.empty();
        return request.principal().cast(Authentication.class).flatMap(user -> token
                        .map(csrf -> body(user, Map.of("header", csrf.getHeaderName(), "parameter", csrf.getParameterName(),
                                "token", csrf.getToken())))
                        .defaultIfEmpty(body(user, null)))
                .flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body));
    }

    private static Map<String, Object> body(Authentication user, Map<String, String> csrf) {
        List<String> roles = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_")).map(authority -> authority.substring(5)).sorted().toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", user.getName());
        body.put("roles", roles);
        if (csrf != null) {
            body.put("csrf", csrf);
        }
        return body;
    }
}
