package dev.infergate.gateway.admin;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers every admin-port request with {@code Connection: close}, so that a browser opens a
 * new connection for its next request instead of reusing one.
 *
 * <p>Why: in the console's browser tests a browser's next request on a kept-alive admin
 * connection was at times never read after a form post or a write (its bytes stayed in the
 * socket's receive queue while every event loop idled), on the native and on the NIO transport
 * alike; the cause is not found yet. The admin port serves a handful of requests per minute per
 * operator, so a connection per request costs nothing noticeable; the live feed is one
 * long-lived connection anyway. HTTP/2 drops the header by itself.
 */
final class OneRequestPerConnection implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
