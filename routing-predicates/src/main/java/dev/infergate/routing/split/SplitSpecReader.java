package dev.infergate.routing.split;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads a split's map form (see {@link SplitSpec}) and reports every problem it finds at once,
 * each with its field path, before it builds the records, whose own checks then run too.
 */
final class SplitSpecReader {

    static final String DESTINATIONS = "destinations";
    static final String STICKY = "sticky";
    static final String FORCED_VARIANT = "forced-variant";
    static final String NAME = "name";
    static final String URI_KEY = "uri";
    static final String WEIGHT = "weight";
    static final String MODEL = "model";
    static final String PATH = "path";
    static final String REGEXP = "regexp";
    static final String REPLACEMENT = "replacement";
    static final String SOURCE = "source";
    static final String ENABLED = "enabled";
    static final String HEADER = "header";
    static final String COOKIE = "cookie";

    private static final List<String> SPLIT_KEYS = List.of(DESTINATIONS, STICKY, FORCED_VARIANT);
    private static final List<String> DESTINATION_KEYS = List.of(NAME, URI_KEY, WEIGHT, MODEL, PATH);
    private static final List<String> PATH_KEYS = List.of(REGEXP, REPLACEMENT);
    private static final List<String> STICKY_KEYS = List.of(SOURCE, NAME);
    private static final List<String> SOURCES = List.of("header", "cookie", "client-address", "tenant", "none");
    private static final List<String> FORCED_KEYS = List.of(ENABLED, HEADER, COOKIE);

    private final List<String> problems = new ArrayList<>();

    private SplitSpecReader() {
    }

    static SplitSpec read(Map<?, ?> map) {
        return new SplitSpecReader().split(map);
    }

    private SplitSpec split(Map<?, ?> map) {
        String root = SplitSpec.ROOT;
        unknownKeys(root, map, SPLIT_KEYS);
        List<SplitDestination> destinations = destinations(root + "." + DESTINATIONS, map.get(DESTINATIONS));
        StickyKey sticky = sticky(root + "." + STICKY, map.get(STICKY));
        ForcedVariant forced = forcedVariant(root + "." + FORCED_VARIANT, map.get(FORCED_VARIANT));
        if (!problems.isEmpty()) {
            throw new InvalidSplitException(problems);
        }
        return new SplitSpec(destinations, sticky, forced);
    }

    private List<SplitDestination> destinations(String path, @Nullable Object value) {
        List<?> items = list(value);
        if (items == null) {
            problems.add(path + ": " + (value == null ? "missing" : Values.quote(value)) + " (expected: a list of destinations)");
            return List.of();
        }
        List<SplitDestination> destinations = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            SplitDestination destination = destination(path + "[" + i + "]", items.get(i));
            if (destination != null) {
                destinations.add(destination);
            }
        }
        return destinations;
    }

    private @Nullable SplitDestination destination(String path, @Nullable Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(path + ": " + Values.quote(value) + " (expected: a destination with name, uri and weight)");
            return null;
        }
        int before = problems.size();
        unknownKeys(path, map, DESTINATION_KEYS);
        String name = string(path + "." + NAME, map.get(NAME), true);
        URI uri = uri(path + "." + URI_KEY, map.get(URI_KEY));
        Integer weight = weight(path + "." + WEIGHT, map.get(WEIGHT));
        String model = string(path + "." + MODEL, map.get(MODEL), false);
        PathRewrite rewrite = pathRewrite(path + "." + PATH, map.get(PATH));
        if (problems.size() > before || name == null || uri == null || weight == null) {
            return null;
        }
        return build(path, () -> new SplitDestination(name, uri, weight, model, rewrite));
    }

    private @Nullable PathRewrite pathRewrite(String path, @Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(path + ": " + Values.quote(value) + " (expected: a rewrite with regexp and replacement)");
            return null;
        }
        unknownKeys(path, map, PATH_KEYS);
        String regexp = string(path + "." + REGEXP, map.get(REGEXP), true);
        String replacement = string(path + "." + REPLACEMENT, map.get(REPLACEMENT), true);
        return regexp == null || replacement == null ? null : build(path, () -> PathRewrite.of(regexp, replacement));
    }

    private StickyKey sticky(String path, @Nullable Object value) {
        if (value == null) {
            return new StickyKey.None();
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(path + ": " + Values.quote(value) + " (expected: a key source, such as {source: header, name: X-User-Id})");
            return new StickyKey.None();
        }
        unknownKeys(path, map, STICKY_KEYS);
        String source = string(path + "." + SOURCE, map.get(SOURCE), true);
        if (source == null) {
            return new StickyKey.None();
        }
        boolean named = source.equals("header") || source.equals("cookie");
        String name = string(path + "." + NAME, map.get(NAME), named);
        if (!SOURCES.contains(source)) {
            problems.add(path + "." + SOURCE + ": " + Values.quote(source) + " (expected: one of " + String.join(", ", SOURCES) + ")");
            return new StickyKey.None();
        }
        if (!named && name != null) {
            problems.add(path + "." + NAME + ": " + Values.quote(name) + " (expected: no name for source " + source + ")");
        }
        if (named && name == null) {
            return new StickyKey.None();
        }
        StickyKey key = build(path, () -> switch (source) {
            case "header" -> new StickyKey.Header(name);
            case "cookie" -> new StickyKey.Cookie(name);
            case "client-address" -> new StickyKey.ClientAddress();
            case "tenant" -> new StickyKey.Tenant();
            default -> new StickyKey.None();
        });
        return key == null ? new StickyKey.None() : key;
    }

    private ForcedVariant forcedVariant(String path, @Nullable Object value) {
        if (value == null) {
            return ForcedVariant.DISABLED;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(path + ": " + Values.quote(value) + " (expected: {enabled: true, header: ..., cookie: ...})");
            return ForcedVariant.DISABLED;
        }
        unknownKeys(path, map, FORCED_KEYS);
        boolean enabled = bool(path + "." + ENABLED, map.get(ENABLED));
        String header = string(path + "." + HEADER, map.get(HEADER), false);
        String cookie = string(path + "." + COOKIE, map.get(COOKIE), false);
        ForcedVariant forced = build(path, () -> new ForcedVariant(enabled,
                header == null ? ForcedVariant.DEFAULT_HEADER : header, cookie == null ? ForcedVariant.DEFAULT_COOKIE : cookie));
        return forced == null ? ForcedVariant.DISABLED : forced;
    }

    private void unknownKeys(String path, Map<?, ?> map, List<String> known) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problems.add(path + "." + key + ": unknown key (expected: one of " + String.join(", ", known) + ")");
            }
        }
    }

    private @Nullable String string(String path, @Nullable Object value, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(path + ": missing (expected: a string)");
            }
            return null;
        }
        if (!(value instanceof CharSequence text)) {
            problems.add(path + ": " + Values.quote(value) + " (expected: a string)");
            return null;
        }
        return text.toString();
    }

    private @Nullable URI uri(String path, @Nullable Object value) {
        if (value instanceof URI uri) {
            return uri;
        }
        String text = string(path, value, true);
        if (text == null) {
            return null;
        }
        try {
            return URI.create(text);
        } catch (IllegalArgumentException malformed) {
            problems.add(path + ": " + Values.quote(text) + " (expected: a URI such as lb://pool)");
            return null;
        }
    }

    /** Whole numbers in any numeric type or as text; the sign is the destination's own check. */
    private @Nullable Integer weight(String path, @Nullable Object value) {
        if (value == null) {
            problems.add(path + ": missing (expected: an integer >= 0)");
            return null;
        }
        BigDecimal number = null;
        if (value instanceof Number numeric) {
            number = numeric instanceof BigDecimal decimal ? decimal
                    : numeric instanceof BigInteger integer ? new BigDecimal(integer)
                    : new BigDecimal(numeric.toString());
        } else if (value instanceof CharSequence text) {
            try {
                number = new BigDecimal(text.toString().trim());
            } catch (NumberFormatException notANumber) {
                number = null;
            }
        }
        if (number == null || number.stripTrailingZeros().scale() > 0) {
            problems.add(path + ": " + Values.quote(value) + " (expected: an integer >= 0)");
            return null;
        }
        try {
            return number.intValueExact();
        } catch (ArithmeticException tooLarge) {
            problems.add(path + ": " + Values.quote(value) + " (expected: an integer from 0 to " + Integer.MAX_VALUE + ")");
            return null;
        }
    }

    private boolean bool(String path, @Nullable Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.parseBoolean((String) value);
        }
        problems.add(path + ": " + Values.quote(value) + " (expected: true or false)");
        return false;
    }

    /** A list, or the map with keys 0..n-1 that property binding makes of one. */
    private static @Nullable List<?> list(@Nullable Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < map.size(); i++) {
                Object item = map.containsKey(String.valueOf(i)) ? map.get(String.valueOf(i)) : map.get(i);
                if (item == null) {
                    return null;
                }
                items.add(item);
            }
            return items;
        }
        return null;
    }

    private <T> @Nullable T build(String path, Supplier<T> builder) {
        try {
            return builder.get();
        } catch (InvalidSplitException invalid) {
            problems.addAll(invalid.within(path).problems());
            return null;
        }
    }
}
