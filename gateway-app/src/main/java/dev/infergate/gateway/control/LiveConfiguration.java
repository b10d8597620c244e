package dev.infergate.gateway.control;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.cloud.gateway.route.RouteDefinition;
import tools.jackson.databind.JsonNode;

/**
 * The live configuration document: routes in Spring Cloud Gateway's form, endpoint pools, and
 * named policy sections that features register.
 */
public record LiveConfiguration(List<RouteDefinition> routes, List<PoolDefinition> pools, Map<String, JsonNode> sections) {

    public LiveConfiguration {
        routes = List.copyOf(routes);
        pools = List.copyOf(pools);
        sections = Map.copyOf(sections);
    }

    public Optional<PoolDefinition> pool(String name) {
        return pools.stream().filter(pool -> pool.name().equals(name)).findFirst();
    }
}
