package dev.infergate.gateway.observability;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code infergate.requests.active}: requests of each route between arrival and their last byte out. */
public final class ActiveRequestsFilter implements GlobalFilter, Ordered {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();

    public ActiveRequestsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        AtomicInteger count = active.computeIfAbsent(route.getId(), id -> {
            AtomicInteger gauge = new AtomicInteger();
            Gauge.builder("infergate.requests.active", gauge, AtomicInteger::get)
                    .description("Requests in flight, arrival to last byte out").tag("route", id).register(registry);
            return gauge;
        });
        count.incrementAndGet();
        return chain.filter(exchange).doFinally(signal -> count.decrementAndGet());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
