package dev.infergate.gateway.web;

import java.net.InetSocketAddress;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Keeps the two ports apart: the public port answers 404 for {@code /actuator/**} and
 * {@code /admin/**} even when a catch-all route exists, and the admin port serves nothing but
 * those, so no proxied route answers there.
 *
 * <p>Runs first among web filters; the management context sees it too, as it sees every web
 * filter of the application context.
 */
public final class PortIsolationFilter implements WebFilter, Ordered {

    private final ServerPorts ports;

    public PortIsolationFilter(ServerPorts ports) {
        this.ports = ports;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        boolean adminPath = isUnder(path, "/actuator") || isUnder(path, "/admin");
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        boolean onAdminPort = local != null && ports.isAdmin(local.getPort());
        if (adminPath != onAdminPort) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        return chain.filter(exchange);
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
