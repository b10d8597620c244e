package dev.infergate.sim.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a fleet file into a {@link FleetDefinition}.
 *
 * <p>The top level has two keys: {@code defaults} (optional; any server key except {@code name})
 * and {@code servers} (a list of at least one server). A server's keys are the components of
 * {@link ServerSpec}; a key missing on a server is taken from {@code defaults}; only {@code zone}
 * may be missing from both (it is then {@value ServerSpec#DEFAULT_ZONE}). Unknown and duplicate
 * keys are errors. Durations are written as {@link DurationText} describes.
 *
 * <p>Every error is an {@link InvalidFleetException} whose message starts with the path of the
 * offending node: {@code fleet}, {@code defaults.speed}, {@code servers[2].maxBatch}.
 */
final class FleetFileReader {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /** Each server key and how its YAML value becomes a {@link ServerSpec} field. */
    private static final Map<String, Function<Field, Object>> SERVER_KEYS = serverKeys();

    private FleetFileReader() {}

    static FleetDefinition read(String yaml) {
        JsonNode root = parseTree(yaml);
        if (root == null || !root.isObject()) {
            throw invalid("fleet", root, "a mapping with the keys defaults and servers");
        }
        checkKeys("fleet", root, List.of("defaults", "servers"));
        JsonNode defaults = root.get("defaults");
        if (defaults != null && !defaults.isObject()) {
            throw invalid("defaults", defaults, "a mapping of server keys");
        }
        List<String> defaultKeys = SERVER_KEYS.keySet().stream().filter(key -> !key.equals("name")).toList();
        if (defaults != null) {
            checkKeys("defaults", defaults, defaultKeys);
        }
        JsonNode servers = root.get("servers");
        if (servers == null || servers.isNull()) {
            throw new InvalidFleetException("servers: missing (expected: a list of servers)");
        }
        if (!servers.isArray() || servers.isEmpty()) {
            throw invalid("servers", servers, "a list of at least one server");
        }
        List<ServerSpec> specs = new ArrayList<>();
        Map<String, Integer> indexByName = new HashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            ServerSpec spec = server("servers[" + i + "]", servers.get(i), defaults);
            Integer previous = indexByName.putIfAbsent(spec.name(), i);
            if (previous != null) {
                throw new InvalidFleetException("servers[" + i + "].name: \"" + spec.name()
                        + "\" (expected: a name not used by servers[" + previous + "])");
            }
            specs.add(spec);
        }
        return new FleetDefinition(specs);
    }

    private static @Nullable JsonNode parseTree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidFleetException("fleet: not valid YAML" + where + ": " + e.getOriginalMessage(), e);
        }
    }

    private static ServerSpec server(String path, JsonNode node, @Nullable JsonNode defaults) {
        if (!node.isObject()) {
            throw invalid(path, node, "a mapping of server keys");
        }
        checkKeys(path, node, List.copyOf(SERVER_KEYS.keySet()));
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Function<Field, Object>> key : SERVER_KEYS.entrySet()) {
            JsonNode value = node.get(key.getKey());
            String valuePath = path + "." + key.getKey();
            if (value == null && defaults != null) {
                value = defaults.get(key.getKey());
                valuePath = "defaults." + key.getKey();
            }
            if (value == null || value.isNull()) {
                if (key.getKey().equals("zone")) {
                    values.put("zone", ServerSpec.DEFAULT_ZONE);
                    continue;
                }
                throw new InvalidFleetException(path + "." + key.getKey()
                        + ": missing (expected: on the server or under defaults)");
            }
            values.put(key.getKey(), key.getValue().apply(new Field(valuePath, value)));
        }
        try {
            return new ServerSpec(
                    (String) values.get("name"),
                    castList(values.get("models")),
                    (Double) values.get("speed"),
                    (Integer) values.get("maxBatch"),
                    (Integer) values.get("kvCacheTokens"),
                    (Integer) values.get("prefixCacheTokens"),
                    (Integer) values.get("prefixBlockTokens"),
                    (Duration) values.get("stepOverhead"),
                    (Duration) values.get("prefillCostPerToken"),
                    (Integer) values.get("prefillBudgetPerStep"),
                    (Duration) values.get("decodeCostPerSeq"),
                    (Integer) values.get("defaultMaxTokens"),
                    (Long) values.get("seed"),
                    (String) values.get("zone"));
        } catch (IllegalArgumentException e) {
            throw new InvalidFleetException(path + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(@Nullable Object value) {
        return (List<String>) value;
    }

    private static Map<String, Function<Field, Object>> serverKeys() {
        Map<String, Function<Field, Object>> keys = new LinkedHashMap<>();
        keys.put("name", Field::string);
        keys.put("models", Field::strings);
        keys.put("speed", Field::number);
        keys.put("maxBatch", Field::integer);
        keys.put("kvCacheTokens", Field::integer);
        keys.put("prefixCacheTokens", Field::integer);
        keys.put("prefixBlockTokens", Field::integer);
        keys.put("stepOverhead", Field::duration);
        keys.put("prefillCostPerToken", Field::duration);
        keys.put("prefillBudgetPerStep", Field::integer);
        keys.put("decodeCostPerSeq", Field::duration);
        keys.put("defaultMaxTokens", Field::integer);
        keys.put("seed", Field::longInteger);
        keys.put("zone", Field::string);
        return Collections.unmodifiableMap(keys);
    }

    private static void checkKeys(String path, JsonNode node, List<String> allowed) {
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                throw new InvalidFleetException(path + ": unknown key \"" + key + "\" (expected one of: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    static InvalidFleetException invalid(String path, @Nullable JsonNode value, String expected) {
        return new InvalidFleetException(path + ": " + render(value) + " (expected: " + expected + ")");
    }

    private static String render(@Nullable JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "empty";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return value.isEmpty() ? "[]" : "a list";
        }
        return value.isString() ? '"' + value.stringValue() + '"' : value.toString();
    }

    /** A YAML value at a path, converted to a field type or rejected with the path. */
    private record Field(String path, JsonNode value) {

        String string() {
            if (!value.isString()) {
                throw invalid(path, value, "a string");
            }
            return value.stringValue();
        }

        List<String> strings() {
            if (!value.isArray()) {
                throw invalid(path, value, "a list of strings");
            }
            List<String> strings = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                strings.add(new Field(path + "[" + i + "]", value.get(i)).string());
            }
            return strings;
        }

        Double number() {
            if (!value.isNumber()) {
                throw invalid(path, value, "a number");
            }
            return value.doubleValue();
        }

        Integer integer() {
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw invalid(path, value, "an integer");
            }
            return value.intValue();
        }

        Long longInteger() {
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw invalid(path, value, "an integer");
            }
            return value.longValue();
        }

        Duration duration() {
            if (!value.isString()) {
                throw invalid(path, value, DurationText.EXPECTED);
            }
            try {
                return DurationText.parse(value.stringValue());
            } catch (IllegalArgumentException e) {
                throw new InvalidFleetException(path + ": " + render(value) + " (" + e.getMessage() + ")");
            }
        }
    }
}
