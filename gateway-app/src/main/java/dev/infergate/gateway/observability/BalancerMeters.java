package dev.infergate.gateway.observability;

import dev.infergate.gateway.control.LiveConfiguration;
import dev.infergate.gateway.control.LiveConfigurationChanged;
import dev.infergate.gateway.control.PoolDefinition;
import dev.infergate.gateway.discovery.Endpoint;
import dev.infergate.gateway.discovery.EndpointRegistry;
import dev.infergate.routing.balancer.TriedEndpoints;
import dev.infergate.routing.core.balance.BalancingStrategies;
import dev.infergate.routing.core.balance.LoadSignals;
import dev.infergate.routing.core.balance.LoadSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.ServerWebExchange;

/**
 * The picker's view per endpoint, as meters: {@code infergate.balancer.in.flight},
 * {@code infergate.balancer.signal.age} (seconds since the backend last reported load; absent
 * when it never did), {@code infergate.balancer.score} (the capacity score, lower is better) and
 * {@code infergate.balancer.picks} (every endpoint an attempt went to). Tags: pool and endpoint.
 * Gauges follow the pools: they are registered for the endpoints of the live configuration and
 * removed when an endpoint leaves.
 */
public final class BalancerMeters implements RequestRecordListener {

    private final MeterRegistry registry;
    private final LoadSignals signals;
    private final EndpointRegistry endpoints;
    private final List<Meter> gauges = new ArrayList<>();
    private volatile LiveConfiguration configuration;

    public BalancerMeters(MeterRegistry registry, LoadSignals signals, EndpointRegistry endpoints, LiveConfiguration initial) {
        this.registry = registry;
        this.signals = signals;
        this.endpoints = endpoints;
        register(initial);
    }

    /** After the endpoint registry resolved the new pools. */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    public void onChange(LiveConfigurationChanged change) {
        register(change.configuration());
    }

    private synchronized void register(LiveConfiguration next) {
        configuration = next;
        gauges.forEach(registry::remove);
        gauges.clear();
        for (PoolDefinition pool : next.pools()) {
            for (Endpoint endpoint : endpoints.endpoints(pool.name())) {
                Tags tags = Tags.of("pool", pool.name(), "endpoint", endpoint.address());
                String address = endpoint.address();
                gauges.add(Gauge.builder("infergate.balancer.in.flight", signals,
                                each -> each.snapshot(address).local().inFlight())
                        .description("Requests the picker counts as in flight on the endpoint").tags(tags).register(registry));
                gauges.add(Gauge.builder("infergate.balancer.signal.age", signals,
                                each -> each.snapshot(address).backend().map(signal -> signal.age().toNanos() / 1e9).orElse(Double.NaN))
                        .description("Seconds since the endpoint last reported its load").baseUnit("seconds").tags(tags).register(registry));
                gauges.add(Gauge.builder("infergate.balancer.score", this, each -> each.score(pool.name(), address))
                        .description("The endpoint's capacity score within its pool, lower is better").tags(tags).register(registry));
            }
        }
    }

    private double score(String pool, String endpoint) {
        PoolDefinition definition = configuration.pool(pool).orElse(null);
        if (definition == null) {
            return Double.NaN;
        }
        List<LoadSnapshot> loads = endpoints.endpoints(pool).stream().map(each -> signals.snapshot(each.address())).toList();
        try {
            return BalancingStrategies.capacityScores(definition.strategy(), definition.settings(), loads).getOrDefault(endpoint, Double.NaN);
        } catch (IllegalArgumentException invalidSettings) {
            return Double.NaN;
        }
    }

    @Override
    public void onRecord(ServerWebExchange exchange, RequestRecord record) {
        TriedEndpoints tried = exchange.getAttribute(TriedEndpoints.ATTRIBUTE);
        if (tried == null || record.pool().equals(RequestRecord.NONE)) {
            return;
        }
        for (String endpoint : tried.endpoints()) {
            Counter.builder("infergate.balancer.picks").description("Attempts the picker sent to the endpoint")
                    .tag("pool", record.pool()).tag("endpoint", endpoint).register(registry).increment();
        }
    }
}
