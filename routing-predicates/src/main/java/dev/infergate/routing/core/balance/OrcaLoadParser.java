package dev.infergate.routing.core.balance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads an endpoint's load from the TEXT form of an ORCA {@code endpoint-load-metrics} response
 * header, as Envoy requests it with {@code endpoint-load-metrics-format: TEXT}:
 *
 * <pre>
 * TEXT cpu_utilization=0.375, named_metrics.queue=3, named_metrics.running=12, named_metrics.kv_cache=0.31
 * </pre>
 *
 * <p>The value after {@code TEXT } is a list of {@code key=value} pairs separated by commas
 * (whitespace around them is ignored); every value must be a finite number and no key may repeat.
 * The configured keys ({@link OrcaLoadNames}) become the load; other keys are checked and ignored.
 *
 * <p>Outcomes, never an exception: {@link LoadParseResult.Parsed} when at least one configured key
 * is present; {@link LoadParseResult.Unusable} for another format ({@code JSON}, {@code BIN}), a
 * malformed pair, a value out of range (counts >= 0, KV-cache usage within 0..1), or none of the
 * configured keys. Thread-safe.
 */
public final class OrcaLoadParser {

    private static final String PREFIX = "TEXT ";
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final OrcaLoadNames names;

    public OrcaLoadParser(OrcaLoadNames names) {
        this.names = names;
    }

    public LoadParseResult parse(String header) {
        String value = header.strip();
        if (value.isEmpty()) {
            return new LoadParseResult.Unusable("empty load report");
        }
        if (value.equals(PREFIX.strip())) {
            return new LoadParseResult.Unusable("no metrics in load report");
        }
        if (!value.startsWith(PREFIX)) {
            int space = value.indexOf(' ');
            String format = space < 0 ? value : value.substring(0, space);
            return new LoadParseResult.Unusable("load report format \"" + abbreviate(format) + "\" is not supported (expected: TEXT)");
        }
        Map<String, Double> metrics = new HashMap<>();
        for (String pair : value.substring(PREFIX.length()).split(",", -1)) {
            String trimmed = pair.strip();
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                return new LoadParseResult.Unusable("malformed pair \"" + abbreviate(trimmed) + "\" (expected: key=value)");
            }
            String key = trimmed.substring(0, equals).strip();
            String number = trimmed.substring(equals + 1).strip();
            if (!NUMBER.matcher(number).matches()) {
                return new LoadParseResult.Unusable(key + ": \"" + abbreviate(number) + "\" (expected: a number)");
            }
            if (metrics.put(key, Double.parseDouble(number)) != null) {
                return new LoadParseResult.Unusable(key + ": reported twice");
            }
        }
        return result(metrics);
    }

    private LoadParseResult result(Map<String, Double> metrics) {
        List<String> missing = new ArrayList<>();
        OptionalDouble waiting = value(metrics, names.waiting(), "waiting", missing);
        OptionalDouble running = value(metrics, names.running(), "running", missing);
        OptionalDouble kvCacheUsage = value(metrics, names.kvCacheUsage(), "kv-cache-usage", missing);
        if (missing.size() == 3) {
            return new LoadParseResult.Unusable("no load metric reported (expected one of: "
                    + names.waiting() + ", " + names.running() + ", " + names.kvCacheUsage() + ")");
        }
        String problem = outOfRange(names.waiting(), waiting, Double.MAX_VALUE, "a finite number >= 0");
        if (problem == null) {
            problem = outOfRange(names.running(), running, Double.MAX_VALUE, "a finite number >= 0");
        }
        if (problem == null) {
            problem = outOfRange(names.kvCacheUsage(), kvCacheUsage, 1, "a number within 0..1");
        }
        return problem != null
                ? new LoadParseResult.Unusable(problem)
                : new LoadParseResult.Parsed(new BackendLoad(waiting, running, kvCacheUsage), missing);
    }

    private static OptionalDouble value(Map<String, Double> metrics, String key, String what, List<String> missing) {
        Double value = metrics.get(key);
        if (value == null) {
            missing.add(what);
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(value);
    }

    private static @Nullable String outOfRange(String key, OptionalDouble value, double max, String expected) {
        if (value.isPresent() && !(value.getAsDouble() >= 0 && value.getAsDouble() <= max)) {
            return key + ": " + value.getAsDouble() + " (expected: " + expected + ")";
        }
        return null;
    }

    /** Keeps log lines short when a header is garbage. */
    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
