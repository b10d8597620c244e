package dev.infergate.routing.body;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;

/**
 * {@code CachedBody}: reads the request body into the shared cache before the route's other
 * filters run, for routes whose filters need it (retries replay it, token estimates read it).
 * Takes no arguments; the cap is the route's {@code max-request-body}.
 */
public final class CachedBodyGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    private final BodyLimits limits;

    public CachedBodyGatewayFilterFactory(BodyLimits limits) {
        super(Object.class);
        this.limits = limits;
    }

    @Override
    public GatewayFilter apply(Object config) {
        return (exchange, chain) -> {
            Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
            long maxBytes = route == null ? limits.defaultMaxBytes() : limits.cachedMaxBytes(route);
            return CachedRequestBody.cache(exchange, maxBytes,
                    request -> chain.filter(exchange.mutate().request(request).build()));
        };
    }
}
