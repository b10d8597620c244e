package dev.infergate.gateway.discovery;

import dev.infergate.gateway.control.LiveConfiguration;
import dev.infergate.gateway.control.LiveConfigurationChanged;
import dev.infergate.gateway.control.PoolDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The live endpoints of every pool, resolved from each pool's source whenever the configuration
 * changes. Reads are lock-free snapshots.
 */
public final class EndpointRegistry {

    private final List<EndpointSource> sources;
    private volatile Map<String, List<Endpoint>> endpoints = Map.of();

    public EndpointRegistry(List<EndpointSource> sources, LiveConfiguration initial) {
        this.sources = List.copyOf(sources);
        refresh(initial);
    }

    /** The pool's endpoints now; empty for an unknown pool. */
    public List<Endpoint> endpoints(String pool) {
        return endpoints.getOrDefault(pool, List.of());
    }

    public Map<String, List<Endpoint>> all() {
        return endpoints;
    }

    /** First among the listeners: the others read the endpoints it resolves. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void onChange(LiveConfigurationChanged change) {
        refresh(change.configuration());
    }

    private void refresh(LiveConfiguration configuration) {
        Map<String, List<Endpoint>> next = new HashMap<>();
        for (PoolDefinition pool : configuration.pools()) {
            next.put(pool.name(), List.copyOf(sourceFor(pool).endpoints(pool)));
        }
        endpoints = Map.copyOf(next);
    }

    private EndpointSource sourceFor(PoolDefinition pool) {
        return sources.stream().filter(source -> source.handles(pool.source())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("pool " + pool.name() + ": no endpoint source handles " + pool.source()));
    }
}
