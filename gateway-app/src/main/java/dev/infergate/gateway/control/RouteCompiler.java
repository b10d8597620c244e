package dev.infergate.gateway.control;

import dev.infergate.routing.split.InvalidSplitException;
import dev.infergate.routing.split.SplitSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** {@code split.destinations[1].weight: message}: the field path of a split problem and its message. */
    private static final Pattern SPLIT_PROBLEM = Pattern.compile("(split[A-Za-z0-9_.\\[\\]-]*): (.*)", Pattern.DOTALL);

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

    /**
     * Every problem of one route: its id, its upstream, each predicate and filter as bound, and
     * its split (each destination's URI under the same policy, {@code lb://} pools among
     * {@code pools}).
     */
    public List<ConfigurationProblem> check(RouteDefinition route, String pointer, Set<String> pools) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        Object split = route.getMetadata().get(SplitSpec.METADATA_KEY);
        if (split instanceof Map<?, ?> map) {
            checkSplit(map, pointer, pools, problems);
        }
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

    private void checkSplit(Map<?, ?> split, String pointer, Set<String> pools, List<ConfigurationProblem> problems) {
        SplitSpec spec;
        try {
            spec = SplitSpec.fromMap(split);
        } catch (InvalidSplitException invalid) {
            for (String problem : invalid.problems()) {
                Matcher field = SPLIT_PROBLEM.matcher(problem);
                problems.add(field.matches()
                        ? new ConfigurationProblem(pointer + "/" + field.group(1).replace('.', '/').replaceAll("\\[(\\d+)]", "/$1"), field.group(2))
                        : new ConfigurationProblem(pointer + "/split", problem));
            }
            return;
        }
        for (int i = 0; i < spec.destinations().size(); i++) {
            URI uri = spec.destinations().get(i).uri();
            String at = pointer + "/split/destinations/" + i + "/uri";
            uris.refusal(uri).ifPresent(reason -> problems.add(new ConfigurationProblem(at, reason)));
            if ("lb".equals(uri.getScheme()) && !pools.contains(uri.getHost())) {
                problems.add(new ConfigurationProblem(at, "unknown pool " + uri.getHost() + "; expected one of "
                        + pools.stream().sorted().toList()));
            }
        }
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
