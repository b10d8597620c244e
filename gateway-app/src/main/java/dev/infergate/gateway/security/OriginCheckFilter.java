package dev.infergate.gateway.security;

import java.net.URI;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a state-changing request whose {@code Origin} is not the admin port's own
 * {@code Host}: a second line behind CSRF tokens against writes from other sites. Requests without
 * {@code Origin} (API clients, curl) pass.
 */
final class OriginCheckFilter implements WebFilter {

    private final ServerAccessDeniedHandler refusal;

    OriginCheckFilter(ServerAccessDeniedHandler refusal) {
        this.refusal = refusal;
    }

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String origin = headers.getOrigin();
        if (origin == null || SAFE.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        String host = headers.getFirst(HttpHeaders.HOST);
        String originAuthority;
        try {
            originAuthority = URI.create(origin).getRawAuthority();
        } catch (IllegalArgumentException malformed) {
            originAuthority = null;
        }
        if (host == null || !host.equalsIgnoreCase(originAuthority)) {
            return refusal.handle(exchange, new AccessDeniedException("Origin " + origin + " is not this admin port"));
        }
        return chain.filter(exchange);
    }
}
