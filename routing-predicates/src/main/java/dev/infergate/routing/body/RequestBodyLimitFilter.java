package dev.infergate.routing.body;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Bounds every request body the gateway forwards by its route's cap: a declared
 * {@code Content-Length} over the cap is refused before the upstream is called, and a chunked body
 * fails with 413 once it crosses the cap while streaming.
 */
public final class RequestBodyLimitFilter implements GlobalFilter, Ordered {

    /** Early, so every filter that reads the body sees the bounded one. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private final BodyLimits limits;

    public RequestBodyLimitFilter(BodyLimits limits) {
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        long maxBytes = route == null ? limits.defaultMaxBytes() : limits.streamingMaxBytes(route);
        if (maxBytes == Long.MAX_VALUE) {
            return chain.filter(exchange);
        }
        if (BoundedBodyRequest.declaredTooLarge(exchange.getRequest(), maxBytes)) {
            return Mono.error(new RequestBodyTooLargeException(maxBytes));
        }
        return chain.filter(exchange.mutate().request(new BoundedBodyRequest(exchange.getRequest(), maxBytes)).build());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
