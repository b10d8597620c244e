package dev.infergate.bench.contender;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Infergate's "full chain" contender runs: every policy Infergate has, configured on the one
 * benchmark route. This is the list to extend when a policy lands (a route filter in its shortcut
 * form, or a section of the live configuration), so that the benchmark keeps measuring all of
 * them; the table prints {@link #describe()}.
 */
public final class FullChain {

    /** Route filters, in order, as the live configuration writes them (e.g. {@code CachedBody}). */
    static final List<String> ROUTE_FILTERS = List.of();

    /** Sections of the live configuration the filters above need: name to a YAML mapping. */
    static final Map<String, String> SECTIONS = Map.of();

    /** Policies every Infergate route runs whatever its filters. */
    static final List<String> ALWAYS_ON = List.of("request body limit (1 MiB)");

    private FullChain() {
    }

    /** The policies of the full chain, for the table. */
    public static String describe() {
        List<String> all = new ArrayList<>(ALWAYS_ON);
        all.addAll(ROUTE_FILTERS);
        all.addAll(SECTIONS.keySet());
        return String.join(", ", all) + (ROUTE_FILTERS.isEmpty() && SECTIONS.isEmpty() ? " (no other policy exists yet)" : "");
    }

    /** The policies of the contender without policies: only those that are always on. */
    public static String describeNone() {
        return "none configured; always on: " + String.join(", ", ALWAYS_ON);
    }
}
