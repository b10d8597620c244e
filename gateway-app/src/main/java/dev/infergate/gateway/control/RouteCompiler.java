package dev.infergate.gateway.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.handler.predicate.RoutePredicateFactory;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.support.ConfigurationService;

/**
 * Binds every predicate and filter of a route through the same factories and the same binder the
 * gateway uses at refresh, so that a bad argument fails before anything is stored instead of when
 * routes are rebuilt. Also checks the upstream URI against {@link UpstreamUriPolicy}.
 *
 * <p>Callers scan for expressions first ({@link ExpressionScan}): the binder would evaluate them.
 */
public final class RouteCompiler {

    private final Map<String, RoutePredicateFactory<?>> predicates;
    private final Map<String, GatewayFilterFactory<?>> filters;
    private final ConfigurationService binder;
    private final UpstreamUriPolicy uris;

    public RouteCompiler(List<RoutePredicateFactory<?>> predicates, List<GatewayFilterFactory<?>> filters,
            ConfigurationService binder, UpstreamUriPolicy uris) {
        this.predicates = predicates.stream().collect(Collectors.toMap(RoutePredicateFactory::name, Function.identity(), (a, b) -> a));
        this.filters = filters.stream().collect(Collectors.toMap(GatewayFilterFactory::name, Function.identity(), (a, b) -> a));
        this.binder = binder;
        this.uris = uris;
    }

    public List<ConfigurationProblem> check(RouteDefinition route, String pointer) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        if (route.getId() != null && !route.getId().matches("[A-Za-z0-9._-]{1,100}")) {
            problems.add(new ConfigurationProblem(pointer + "/id",
                    "route id " + route.getId() + " must be 1 to 100 letters, digits, '.', '_' or '-'"));
        }
        if (route.getUri() != null) {
            uris.refusal(route.getUri()).ifPresent(reason -> problems.add(new ConfigurationProblem(pointer + "/uri", reason)));
        }
        List<PredicateDefinition> routePredicates = route.getPredicates();
        for (int i = 0; i < routePredicates.size(); i++) {
            PredicateDefinition definition = routePredicates.get(i);
            bindPredicate(definition, pointer + "/predicates/" + i, problems);
        }
        List<FilterDefinition> routeFilters = route.getFilters();
        for (int i = 0; i < routeFilters.size(); i++) {
            bindFilter(routeFilters.get(i), pointer + "/filters/" + i, problems);
        }
        return problems;
    }

    private void bindPredicate(PredicateDefinition definition, String pointer, List<ConfigurationProblem> problems) {
        RoutePredicateFactory<Object> factory = cast(predicates.get(definition.getName()));
        if (factory == null) {
            problems.add(new ConfigurationProblem(pointer + "/name", "unknown predicate " + definition.getName()
                    + "; expected one of " + predicates.keySet().stream().sorted().toList()));
            return;
        }
        try {
            Object config = binder.with(factory).name(definition.getName()).properties(definition.getArgs()).bind();
            factory.applyAsync(config);
        } catch (RuntimeException e) {
            problems.add(new ConfigurationProblem(pointer, "predicate " + definition.getName() + ": " + reason(e)));
        }
    }

    private void bindFilter(FilterDefinition definition, String pointer, List<ConfigurationProblem> problems) {
        GatewayFilterFactory<Object> factory = cast(filters.get(definition.getName()));
        if (factory == null) {
            problems.add(new ConfigurationProblem(pointer + "/name", "unknown filter " + definition.getName()
                    + "; expected one of " + filters.keySet().stream().sorted().toList()));
            return;
        }
        try {
            Object config = binder.with(factory).name(definition.getName()).properties(definition.getArgs()).bind();
            factory.apply(config);
        } catch (RuntimeException e) {
            problems.add(new ConfigurationProblem(pointer, "filter " + definition.getName() + ": " + reason(e)));
        }
    }

    /** The innermost message that says something, without the binder's stack of wrappers. */
    private static String reason(Throwable error) {
        String message = error.getMessage();
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message == null ? error.getClass().getSimpleName() : message;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object factory) {
        return (T) factory;
    }
}
