package dev.infergate.gateway.control;

import dev.infergate.routing.split.SplitSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a live configuration document from YAML (JSON is YAML too), collecting every structural
 * problem with a JSON pointer instead of stopping at the first.
 *
 * <pre>
 * pools:
 *   - name: chat
 *     strategy: round-robin
 *     static: [127.0.0.1:8001, 127.0.0.1:8002@zone-b]   # @zone optional; or: discovery: demo
 * routes:
 *   - id: openai
 *     uri: lb://chat
 *     predicates: [Path=/v1/**]                  # shortcut, or {name: Path, args: {patterns: /v1/**}}
 *     filters: []
 *     metadata: {response-timeout: 30000}
 * sections: {}
 * </pre>
 */
public final class LiveConfigurationReader {

    private static final Set<String> TOP_LEVEL = Set.of("routes", "pools", "sections");
    private static final Set<String> ROUTE_FIELDS = Set.of("id", "uri", "predicates", "filters", "order", "metadata", "split");
    private static final Set<String> POOL_FIELDS = Set.of("name", "strategy", "settings", "static", "discovery");

    /** Where a route's {@code split} travels inside its Spring Cloud Gateway metadata. */
    public static final String SPLIT_METADATA_KEY = SplitSpec.METADATA_KEY;

    private final YAMLMapper yaml = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /** Reads a whole document from YAML or JSON text. */
    public LiveConfiguration read(String text) {
        return read(parse(text));
    }

    /** Parses YAML or JSON text into a tree, refusing duplicate keys. */
    public JsonNode parse(String text) {
        try {
            JsonNode root = yaml.readTree(text);
            return root == null ? yaml.missingNode() : root;
        } catch (JacksonException e) {
            throw new InvalidConfigurationException(List.of(new ConfigurationProblem("", "not valid YAML: " + e.getOriginalMessage())));
        }
    }

    /** Reads a whole document from its tree. */
    public LiveConfiguration read(JsonNode root) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new LiveConfiguration(List.of(), List.of(), Map.of());
        }
        if (!root.isObject()) {
            throw new InvalidConfigurationException(List.of(new ConfigurationProblem("", "expected a mapping with routes, pools and sections")));
        }
        unknownFields(root, TOP_LEVEL, "", problems);
        List<RouteDefinition> routes = new ArrayList<>();
        forEachIn(root.path("routes"), "/routes", problems, (node, pointer) -> route(node, pointer, problems, routes));
        List<PoolDefinition> pools = new ArrayList<>();
        Set<String> poolNames = new HashSet<>();
        forEachIn(root.path("pools"), "/pools", problems, (node, pointer) -> {
            String name = node.path("name").asString("");
            if (!name.isEmpty() && !poolNames.add(name)) {
                problems.add(new ConfigurationProblem(pointer + "/name", "duplicate pool name " + name));
            }
            pool(node, pointer, problems, pools);
        });
        Map<String, JsonNode> sections = new LinkedHashMap<>();
        JsonNode sectionsNode = root.path("sections");
        if (sectionsNode.isObject()) {
            sectionsNode.properties().forEach(entry -> sections.put(entry.getKey(), entry.getValue()));
        } else if (!sectionsNode.isMissingNode() && !sectionsNode.isNull()) {
            problems.add(new ConfigurationProblem("/sections", "expected a mapping of section name to settings"));
        }
        poolReferences(routes, poolNames, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new LiveConfiguration(routes, pools, sections);
    }

    /** Every {@code lb://pool} a route names must be a pool of the same document. */
    private static void poolReferences(List<RouteDefinition> routes, Set<String> names, List<ConfigurationProblem> problems) {
        for (int i = 0; i < routes.size(); i++) {
            URI uri = routes.get(i).getUri();
            if (uri != null && "lb".equals(uri.getScheme()) && !names.contains(uri.getHost())) {
                problems.add(new ConfigurationProblem("/routes/" + i + "/uri",
                        "unknown pool " + uri.getHost() + "; expected one of " + names.stream().sorted().toList()));
            }
        }
    }

    /** Reads one route; {@code pointer} prefixes the problems' pointers. */
    public RouteDefinition readRoute(JsonNode node, String pointer) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        List<RouteDefinition> routes = new ArrayList<>();
        route(node, pointer, problems, routes);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return routes.get(0);
    }

    /** Reads one pool; {@code pointer} prefixes the problems' pointers. */
    public PoolDefinition readPool(JsonNode node, String pointer) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        List<PoolDefinition> pools = new ArrayList<>();
        pool(node, pointer, problems, pools);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return pools.get(0);
    }

    private void route(JsonNode node, String pointer, List<ConfigurationProblem> problems, List<RouteDefinition> routes) {
        unknownFields(node, ROUTE_FIELDS, pointer, problems);
        RouteDefinition route = new RouteDefinition();
        String id = requiredText(node, "id", pointer, problems);
        if (id != null) {
            route.setId(id);
        }
        String uri = requiredText(node, "uri", pointer, problems);
        if (uri != null) {
            try {
                route.setUri(new URI(uri));
            } catch (URISyntaxException e) {
                problems.add(new ConfigurationProblem(pointer + "/uri", "not a valid URI: " + e.getMessage()));
            }
        }
        forEachIn(node.path("predicates"), pointer + "/predicates", problems, (each, at) ->
                definition(each, at, problems, PredicateDefinition::new, PredicateDefinition::new)
                        .ifPresent(route.getPredicates()::add));
        forEachIn(node.path("filters"), pointer + "/filters", problems, (each, at) ->
                definition(each, at, problems, FilterDefinition::new, FilterDefinition::new)
                        .ifPresent(route.getFilters()::add));
        JsonNode order = node.path("order");
        if (order.isInt()) {
            route.setOrder(order.asInt());
        } else if (!order.isMissingNode()) {
            problems.add(new ConfigurationProblem(pointer + "/order", "expected an integer"));
        }
        JsonNode metadata = node.path("metadata");
        Map<String, Object> routeMetadata = new LinkedHashMap<>();
        if (metadata.isObject()) {
            routeMetadata.putAll(toMap(metadata));
        } else if (!metadata.isMissingNode()) {
            problems.add(new ConfigurationProblem(pointer + "/metadata", "expected a mapping"));
        }
        JsonNode split = node.path("split");
        if (split.isObject()) {
            routeMetadata.put(SPLIT_METADATA_KEY, toMap(split));
        } else if (!split.isMissingNode()) {
            problems.add(new ConfigurationProblem(pointer + "/split", "expected a mapping with destinations"));
        }
        route.setMetadata(routeMetadata);
        routes.add(route);
    }

    /** A predicate or filter: the shortcut string {@code Name=a,b} or {@code {name: Name, args: {...}}}. */
    private static <T> Optional<T> definition(JsonNode node, String pointer, List<ConfigurationProblem> problems,
            Function<String, T> fromShortcut, Supplier<T> empty) {
        if (node.isString()) {
            try {
                return Optional.of(fromShortcut.apply(node.asString()));
            } catch (RuntimeException e) {
                problems.add(new ConfigurationProblem(pointer, "expected the shortcut form Name=args: " + e.getMessage()));
                return Optional.empty();
            }
        }
        if (node.isObject() && node.path("name").isString()) {
            T definition = empty.get();
            Map<String, String> args = new LinkedHashMap<>();
            node.path("args").properties().forEach(arg -> args.put(arg.getKey(), arg.getValue().isString()
                    ? arg.getValue().asString() : arg.getValue().toString()));
            if (definition instanceof PredicateDefinition predicate) {
                predicate.setName(node.path("name").asString());
                predicate.setArgs(args);
            } else if (definition instanceof FilterDefinition filter) {
                filter.setName(node.path("name").asString());
                filter.setArgs(args);
            }
            return Optional.of(definition);
        }
        problems.add(new ConfigurationProblem(pointer, "expected a shortcut string Name=args or a mapping with name and args"));
        return Optional.empty();
    }

    private void pool(JsonNode node, String pointer, List<ConfigurationProblem> problems, List<PoolDefinition> pools) {
        unknownFields(node, POOL_FIELDS, pointer, problems);
        String name = requiredText(node, "name", pointer, problems);
        String strategy = node.path("strategy").isString() ? node.path("strategy").asString() : PoolDefinition.DEFAULT_STRATEGY;
        Map<String, Object> settings = node.path("settings").isObject() ? toMap(node.path("settings")) : Map.of();
        boolean hasStatic = node.has("static");
        boolean hasDiscovery = node.has("discovery");
        PoolDefinition.@Nullable EndpointSourceSpec source = null;
        if (hasStatic == hasDiscovery) {
            problems.add(new ConfigurationProblem(pointer, "expected exactly one endpoint source: static: [host:port, ...] or discovery: demo"));
        } else if (hasStatic) {
            List<String> addresses = new ArrayList<>();
            forEachIn(node.path("static"), pointer + "/static", problems, (address, at) -> {
                if (address.isString() && address.asString().matches("[^:@\\s]+:\\d{1,5}(@[A-Za-z0-9._-]+)?")) {
                    addresses.add(address.asString());
                } else {
                    problems.add(new ConfigurationProblem(at, "expected host:port or host:port@zone, got " + address));
                }
            });
            source = new PoolDefinition.StaticEndpoints(addresses);
        } else if (node.path("discovery").isString()) {
            source = new PoolDefinition.DiscoveredEndpoints(node.path("discovery").asString());
        } else {
            problems.add(new ConfigurationProblem(pointer + "/discovery", "expected a provider name such as demo"));
        }
        if (name != null && source != null) {
            pools.add(new PoolDefinition(name, strategy, settings, source));
        }
    }

    private Map<String, Object> toMap(JsonNode node) {
        return yaml.convertValue(node, yaml.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
    }

    private static @Nullable String requiredText(JsonNode node, String field, String pointer, List<ConfigurationProblem> problems) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.asString().isBlank()) {
            problems.add(new ConfigurationProblem(pointer + "/" + field, "required, a non-empty string"));
            return null;
        }
        return value.asString();
    }

    private static void unknownFields(JsonNode node, Set<String> known, String pointer, List<ConfigurationProblem> problems) {
        if (!node.isObject()) {
            problems.add(new ConfigurationProblem(pointer, "expected a mapping"));
            return;
        }
        for (String field : node.propertyNames()) {
            if (!known.contains(field)) {
                problems.add(new ConfigurationProblem(pointer + "/" + field, "unknown field; expected one of " + known.stream().sorted().toList()));
            }
        }
    }

    private static void forEachIn(JsonNode list, String pointer, List<ConfigurationProblem> problems,
            BiConsumer<JsonNode, String> each) {
        if (list.isMissingNode() || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            problems.add(new ConfigurationProblem(pointer, "expected a list"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            each.accept(list.get(i), pointer + "/" + i);
        }
    }
}
