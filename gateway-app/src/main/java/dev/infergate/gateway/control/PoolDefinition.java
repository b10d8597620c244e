package dev.infergate.gateway.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named pool of equivalent endpoints that routes address as {@code lb://name}.
 *
 * @param name the pool's name, as used in {@code lb://} URIs
 * @param strategy how an endpoint is picked for each request
 * @param settings the strategy's settings
 * @param source where the pool's endpoints come from
 */
public record PoolDefinition(String name, String strategy, Map<String, Object> settings, EndpointSourceSpec source) {

    public static final String DEFAULT_STRATEGY = "round-robin";

    public PoolDefinition {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Where a pool's endpoints come from. */
    public sealed interface EndpointSourceSpec permits StaticEndpoints, DiscoveredEndpoints {
    }

    /** A fixed list of {@code host:port} addresses. */
    public record StaticEndpoints(List<String> addresses) implements EndpointSourceSpec {
        public StaticEndpoints {
            addresses = List.copyOf(addresses);
        }
    }

    /** Endpoints a discovery provider reports ({@code demo} now; {@code kubernetes} later). */
    public record DiscoveredEndpoints(String provider) implements EndpointSourceSpec {
    }
}
