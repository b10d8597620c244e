package dev.infergate.routing.core.balance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Reads settings (a strategy's, a policy's) from a pool's {@code settings} map (parsed YAML or JSON). Nested maps
 * are addressed by dotted paths ({@code weights: {queue: 2}} and {@code weights.queue: 2} are the
 * same setting), except for declared sections, which are handed over whole. Every getter remembers
 * its key, so that {@link #rejectUnknown()} can name the settings that nobody read. Type errors are
 * thrown at once with the path, the value and what was expected.
 */
public final class SettingsReader {

    private final Map<String, @Nullable Object> leaves = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();

    private SettingsReader() {
    }

    public static SettingsReader of(Map<String, ?> settings) {
        return of(settings, Set.of());
    }

    public static SettingsReader of(Map<String, ?> settings, Set<String> sectionKeys) {
        SettingsReader reader = new SettingsReader();
        reader.flatten("", settings, sectionKeys);
        return reader;
    }

    public double number(String key, double fallback) {
        Object value = read(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw invalid(key, value, "a number");
    }

    public int integer(String key, int fallback) {
        Object value = read(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long whole = ((Number) value).longValue();
            if (whole == (int) whole) {
                return (int) whole;
            }
        } else if (value instanceof Number number) {
            // JSON readers may hand 32 over as 32.0
            double real = number.doubleValue();
            if (real == Math.rint(real) && Math.abs(real) <= Integer.MAX_VALUE) {
                return (int) real;
            }
        }
        throw invalid(key, value, "an integer");
    }

    public String text(String key, String fallback) {
        Object value = read(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String text) {
            return text;
        }
        throw invalid(key, value, "a string");
    }

    public List<String> texts(String key, List<String> fallback) {
        Object value = read(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw invalid(key, value, "a list of strings");
    }

    /** A declared section, as written; empty when absent. */
    Map<String, Object> section(String key) {
        known.add(key);
        return sections.getOrDefault(key, Map.of());
    }

    /** Fails when a setting was given that no getter asked for. */
    public void rejectUnknown() {
        Set<String> unknown = new TreeSet<>(leaves.keySet());
        unknown.addAll(sections.keySet());
        unknown.removeAll(known);
        if (unknown.isEmpty()) {
            return;
        }
        String expected = known.isEmpty() ? "expected: no settings" : "expected one of: " + String.join(", ", known);
        throw new IllegalArgumentException(String.join(", ", unknown)
                + (unknown.size() == 1 ? ": unknown setting (" : ": unknown settings (") + expected + ")");
    }

    /** The setting as written (a number, string, boolean, list), or null when absent. */
    public @Nullable Object value(String key) {
        return read(key);
    }

    private @Nullable Object read(String key) {
        known.add(key);
        if (leaves.containsKey(key) && leaves.get(key) == null) {
            throw invalid(key, null, "a value");
        }
        return leaves.get(key);
    }

    private void flatten(String prefix, Map<String, ?> map, Set<String> sectionKeys) {
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            String path = prefix.isEmpty() ? String.valueOf(entry.getKey()) : prefix + "." + entry.getKey();
            Object value = entry.getValue();
            if (sectionKeys.contains(path)) {
                if (!(value instanceof Map<?, ?> section)) {
                    throw invalid(path, value, "a map");
                }
                Map<String, Object> copy = new LinkedHashMap<>();
                section.forEach((key, item) -> copy.put(String.valueOf(key), item));
                sections.put(path, copy);
            } else if (value instanceof Map<?, ?> nested) {
                Map<String, Object> copy = new LinkedHashMap<>();
                nested.forEach((key, item) -> copy.put(String.valueOf(key), item));
                flatten(path, copy, sectionKeys);
            } else {
                leaves.put(path, value);
            }
        }
    }

    static IllegalArgumentException invalid(String key, @Nullable Object value, String expected) {
        return new IllegalArgumentException(key + ": " + describe(value) + " (expected: " + expected + ")");
    }

    static String describe(@Nullable Object value) {
        if (value instanceof String text) {
            return "\"" + text + "\"";
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(describe(item)));
            return "[" + String.join(", ", items) + "]";
        }
        return String.valueOf(value);
    }
}
