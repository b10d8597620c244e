package dev.infergate.routing.body;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.util.Optional;
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
 *
 * <p>It also answers the 413 that a predicate could not: a body read while matching (by the
 * {@code Model} predicate) and found over the cap is recorded as a {@link BodyRejection}, and a
 * body cached while matching is checked against the chosen route's cap here, since the route was
 * not known when it was read.
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
        Optional<RequestBodyTooLargeException> rejected = BodyRejection.recorded(exchange);
        if (rejected.isPresent()) {
            return Mono.error(rejected.get());
        }
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        long maxBytes = route == null ? limits.defaultMaxBytes() : limits.streamingMaxBytes(route);
        if (maxBytes == Long.MAX_VALUE) {
            return chain.filter(exchange);
        }
        if (BoundedBodyRequest.declaredTooLarge(exchange.getRequest(), maxBytes)
                || CachedRequestBody.cached(exchange).filter(body -> body.readableByteCount() > maxBytes).isPresent()) {
            return Mono.error(new RequestBodyTooLargeException(maxBytes));
        }
        return chain.filter(exchange.mutate().request(new BoundedBodyRequest(exchange.getRequest(), maxBytes)).build());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
