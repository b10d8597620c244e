package dev.infergate.gateway.observability;

import dev.infergate.gateway.control.LiveConfigurationChanged;
import dev.infergate.gateway.control.LiveConfiguration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.context.event.EventListener;

/**
 * The model names meters may carry as tags: those configured ({@code infergate.observability.models})
 * and those the live configuration routes by ({@code Model} predicates, {@code ModelAlias}
 * filters). Any other name, which a client can invent freely, is tagged {@code other}.
 */
public final class KnownModels {

    public static final String OTHER = "other";
    public static final String NONE = "none";

    private final Set<String> configured;
    private volatile Set<String> known;

    public KnownModels(List<String> configured, LiveConfiguration initial) {
        this.configured = Set.copyOf(configured);
        this.known = collect(initial);
    }

    @EventListener
    public void onChange(LiveConfigurationChanged change) {
        known = collect(change.configuration());
    }

    public String tagFor(@Nullable String model) {
        if (model == null) {
            return NONE;
        }
        return known.contains(model) ? model : OTHER;
    }

    private Set<String> collect(LiveConfiguration configuration) {
        Set<String> names = new HashSet<>(configured);
        for (RouteDefinition route : configuration.routes()) {
            for (PredicateDefinition predicate : route.getPredicates()) {
                if (predicate.getName().equals("Model")) {
                    predicate.getArgs().values().forEach(value -> names.addAll(List.of(value.split(","))));
                }
            }
            for (FilterDefinition filter : route.getFilters()) {
                if (filter.getName().equals("ModelAlias")) {
                    names.addAll(filter.getArgs().values());
                }
            }
        }
        return Set.copyOf(names);
    }
}
