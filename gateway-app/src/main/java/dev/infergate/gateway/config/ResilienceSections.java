package dev.infergate.gateway.config;

import dev.infergate.gateway.control.ConfigurationProblem;
import dev.infergate.gateway.control.LiveConfigurationHolder;
import dev.infergate.gateway.control.SectionValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A section of the live configuration that maps names (policy names, pool names) to settings,
 * read into validated values: the section's {@link SectionValidator}, and a live view that re-reads
 * the section only when the document holds a different node for it.
 *
 * @param <T> the validated settings of one entry
 */
final class ResilienceSections<T> implements SectionValidator {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String section;
    private final Function<Map<String, ?>, T> reader;
    private final LiveConfigurationHolder holder;
    private volatile @Nullable Parsed<T> parsed;

    ResilienceSections(String section, Function<Map<String, ?>, T> reader, LiveConfigurationHolder holder) {
        this.section = section;
        this.reader = reader;
        this.holder = holder;
    }

    @Override
    public String section() {
        return section;
    }

    @Override
    public List<ConfigurationProblem> validate(JsonNode node, String pointer) {
        if (!node.isObject()) {
            return List.of(new ConfigurationProblem(pointer, "expected a map of names to settings"));
        }
        List<ConfigurationProblem> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String at = pointer + "/" + entry.getKey().replace("~", "~0").replace("/", "~1");
            if (!entry.getValue().isObject()) {
                problems.add(new ConfigurationProblem(at, "expected a map of settings"));
                continue;
            }
            try {
                reader.apply(settings(entry.getValue()));
            } catch (IllegalArgumentException invalid) {
                problems.add(new ConfigurationProblem(at, invalid.getMessage()));
            }
        }
        return problems;
    }

    /** The entry named {@code name} of the live document's section, if it has one. */
    Optional<T> named(String name) {
        @Nullable JsonNode node = holder.current().sections().get(section);
        if (node == null) {
            return Optional.empty();
        }
        Parsed<T> current = parsed;
        if (current == null || current.node() != node) {
            current = new Parsed<>(node, read(node));
            parsed = current;
        }
        return Optional.ofNullable(current.entries().get(name));
    }

    private Map<String, T> read(JsonNode node) {
        Map<String, T> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            // the document was validated before it went live
            entries.put(entry.getKey(), reader.apply(settings(entry.getValue())));
        }
        return Map.copyOf(entries);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> settings(JsonNode node) {
        return JSON.convertValue(node, Map.class);
    }

    private record Parsed<T>(JsonNode node, Map<String, T> entries) {
    }
}
