package dev.infergate.routing.core.balance;

import java.util.List;

/** What a load parser made of its input: load values, or the reason there are none. */
public sealed interface LoadParseResult {

    /**
     * Load values were found.
     *
     * @param load the values; those not found are empty
     * @param missing the names of the values not found ({@code waiting}, {@code running}, {@code kv-cache-usage})
     */
    record Parsed(BackendLoad load, List<String> missing) implements LoadParseResult {
        public Parsed {
            missing = List.copyOf(missing);
        }
    }

    /**
     * Nothing usable: malformed input, an unsupported format, or none of the expected values.
     *
     * @param reason what was wrong, for a log line
     */
    record Unusable(String reason) implements LoadParseResult {
    }
}
