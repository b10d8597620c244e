package dev.infergate.gateway.control;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes the live configuration in its canonical form: the form the admin API answers with, the
 * file store keeps, diffs compare and the content hash covers. {@link LiveConfigurationReader}
 * reads it back to an equal document.
 *
 * <p>Predicates and filters whose arguments all came from a shortcut ({@code Path=/v1/**}) are
 * written back as that shortcut; others as {@code {name, args}}. Map keys (arguments, metadata,
 * settings, sections) are sorted so that equal documents have equal bytes.
 */
public final class LiveConfigurationWriter {

    private static final String GENERATED_KEY_PREFIX = "_genkey_";

    private final JsonMapper json = JsonMapper.builder().build();
    private final YAMLMapper yaml = YAMLMapper.builder().build();

    public ObjectNode document(LiveConfiguration configuration) {
        ObjectNode root = json.createObjectNode();
        ArrayNode pools = root.putArray("pools");
        configuration.pools().forEach(pool -> pools.add(pool(pool)));
        ArrayNode routes = root.putArray("routes");
        configuration.routes().forEach(route -> routes.add(route(route)));
        ObjectNode sections = root.putObject("sections");
        new TreeMap<>(configuration.sections()).forEach(sections::set);
        return root;
    }

    public ObjectNode route(RouteDefinition route) {
        ObjectNode node = json.createObjectNode().put("id", route.getId()).put("uri", String.valueOf(route.getUri()));
        ArrayNode predicates = node.putArray("predicates");
        for (PredicateDefinition predicate : route.getPredicates()) {
            predicates.add(definition(predicate.getName(), predicate.getArgs()));
        }
        ArrayNode filters = node.putArray("filters");
        for (FilterDefinition filter : route.getFilters()) {
            filters.add(definition(filter.getName(), filter.getArgs()));
        }
        node.put("order", route.getOrder());
        Map<String, Object> metadata = new TreeMap<>(route.getMetadata());
        Object split = metadata.remove(LiveConfigurationReader.SPLIT_METADATA_KEY);
        node.set("metadata", sorted(metadata));
        if (split != null) {
            node.set("split", sorted(split));
        }
        return node;
    }

    public ObjectNode pool(PoolDefinition pool) {
        ObjectNode node = json.createObjectNode().put("name", pool.name()).put("strategy", pool.strategy());
        node.set("settings", sorted(pool.settings()));
        if (pool.source() instanceof PoolDefinition.StaticEndpoints endpoints) {
            ArrayNode addresses = node.putArray("static");
            endpoints.addresses().forEach(addresses::add);
        } else if (pool.source() instanceof PoolDefinition.DiscoveredEndpoints discovered) {
            node.put("discovery", discovered.provider());
        }
        return node;
    }

    public byte[] jsonBytes(JsonNode node) {
        return json.writeValueAsBytes(node);
    }

    public String yaml(JsonNode node) {
        return yaml.writeValueAsString(node);
    }

    /** SHA-256 of the canonical JSON, hex. */
    public String contentHash(LiveConfiguration configuration) {
        return hash(jsonBytes(document(configuration)));
    }

    /** SHA-256 of a node's canonical JSON, hex: the strong ETag of a route, pool or section. */
    public String hash(JsonNode node) {
        return hash(jsonBytes(node));
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private JsonNode definition(String name, Map<String, String> args) {
        boolean shortcut = !args.isEmpty() && args.keySet().stream().allMatch(key -> key.startsWith(GENERATED_KEY_PREFIX));
        if (shortcut) {
            return json.getNodeFactory().stringNode(name + "=" + String.join(",", args.values()));
        }
        if (args.isEmpty()) {
            return json.createObjectNode().put("name", name).putObject("args");
        }
        ObjectNode node = json.createObjectNode().put("name", name);
        node.set("args", sorted(args));
        return node;
    }

    /** A tree of the value with every map's keys in order. */
    private JsonNode sorted(Object value) {
        return json.valueToTree(deepSorted(value));
    }

    private static Object deepSorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, each) -> sorted.put(String.valueOf(key), each == null ? null : deepSorted(each)));
            return new LinkedHashMap<>(sorted);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(each -> each == null ? null : deepSorted(each)).toList();
        }
        return value;
    }
}
