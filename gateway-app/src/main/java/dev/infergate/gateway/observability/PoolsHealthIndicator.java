package dev.infergate.gateway.observability;

import dev.infergate.gateway.discovery.Endpoint;
import dev.infergate.gateway.discovery.EndpointProbes;
import dev.infergate.gateway.discovery.EndpointRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Mono;

/**
 * {@code pools}: per pool, how many endpoints answer their probe. A pool is UP while one endpoint
 * does, DOWN when none does (UNKNOWN before the first probe); the indicator is DOWN when any pool
 * is. It is deliberately kept out of readiness: one empty pool must not take every replica out of
 * service, which would turn a partial outage into a total one.
 */
public final class PoolsHealthIndicator implements ReactiveHealthIndicator {

    private final EndpointRegistry registry;
    private final EndpointProbes probes;

    public PoolsHealthIndicator(EndpointRegistry registry, EndpointProbes probes) {
        this.registry = registry;
        this.probes = probes;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(this::current);
    }

    private Health current() {
        Map<String, Object> pools = new TreeMap<>();
        boolean anyDown = false;
        for (Map.Entry<String, List<Endpoint>> pool : registry.all().entrySet()) {
            Map<String, Object> endpoints = new LinkedHashMap<>();
            int up = 0;
            int probed = 0;
            for (Endpoint endpoint : pool.getValue()) {
                var result = probes.result(endpoint);
                if (result.isPresent()) {
                    probed++;
                    up += result.get().up() ? 1 : 0;
                    endpoints.put(endpoint.address(), (result.get().up() ? "UP" : "DOWN") + " (" + result.get().detail() + ")");
                } else {
                    endpoints.put(endpoint.address(), "UNKNOWN (not probed yet)");
                }
            }
            Status status = up > 0 ? Status.UP : probed == 0 ? Status.UNKNOWN : Status.DOWN;
            anyDown |= status == Status.DOWN;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", status.getCode());
            details.put("up", up);
            details.put("endpoints", endpoints);
            pools.put(pool.getKey(), details);
        }
        return (anyDown ? Health.down() : Health.up()).withDetail("probe", probes.path()).withDetail("pools", pools).build();
    }
}
