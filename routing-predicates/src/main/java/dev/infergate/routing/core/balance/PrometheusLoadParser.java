package dev.infergate.routing.core.balance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads an endpoint's load from its Prometheus text exposition (format 0.0.4), as vLLM serves it
 * at {@code /metrics}.
 *
 * <p>Only samples of the configured names ({@link PrometheusLoadNames}) are read; every other line
 * is skipped unread. A metric may have several label sets (one per model, or per engine of a
 * data-parallel server): the waiting and running counts are <b>summed</b> over them, since each
 * label set counts different requests; KV-cache usage takes the <b>maximum</b>, since the fullest
 * cache decides whether a new request has to wait.
 *
 * <p>Outcomes, never an exception: {@link LoadParseResult.Parsed} when at least one value was
 * found (the others listed as missing); {@link LoadParseResult.Unusable} when a sample of a
 * configured name is malformed or out of range (counts must be finite and >= 0, KV-cache usage
 * within 0..1), or when none of the names appears (an HTML error page, the wrong path).
 *
 * <p>Hand-written because no Java library parses the text format: the Prometheus Java client and
 * Micrometer only write it. Thread-safe.
 */
public final class PrometheusLoadParser {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private enum Value { WAITING, RUNNING, KV_CACHE_USAGE }

    private final PrometheusLoadNames names;
    private final Map<String, Value> wanted = new HashMap<>();

    public PrometheusLoadParser(PrometheusLoadNames names) {
        this.names = names;
        names.waiting().forEach(name -> wanted.putIfAbsent(name, Value.WAITING));
        names.running().forEach(name -> wanted.putIfAbsent(name, Value.RUNNING));
        names.kvCacheUsage().forEach(name -> wanted.putIfAbsent(name, Value.KV_CACHE_USAGE));
    }

    public LoadParseResult parse(String text) {
        Map<String, Double> aggregated = new HashMap<>();
        int lineNumber = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNumber++;
            String line = text.substring(start, end).strip();
            start = end + 1;
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            String name = metricName(line);
            Value value = wanted.get(name);
            if (value == null) {
                continue;
            }
            String problem = accumulate(line, name, value, aggregated);
            if (problem != null) {
                return new LoadParseResult.Unusable("line " + lineNumber + ": " + problem);
            }
        }
        return result(aggregated);
    }

    private static String metricName(String line) {
        int end = 0;
        while (end < line.length() && line.charAt(end) != '{' && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        return line.substring(0, end);
    }

    /** Adds the line's sample to its name's aggregate; the problem, or null. */
    private static @Nullable String accumulate(String line, String name, Value value,
            Map<String, Double> aggregated) {
        int position = name.length();
        if (position < line.length() && line.charAt(position) == '{') {
            position = endOfLabels(line, position + 1);
            if (position < 0) {
                return name + ": malformed labels";
            }
        }
        String[] rest = line.substring(position).strip().split("\\s+");
        if (rest.length == 0 || rest[0].isEmpty() || rest.length > 2) {
            return name + ": expected a value and an optional timestamp";
        }
        double sample = number(rest[0]);
        boolean inRange = value == Value.KV_CACHE_USAGE ? sample >= 0 && sample <= 1 : sample >= 0 && sample < Double.POSITIVE_INFINITY;
        if (!inRange) {
            return name + ": " + rest[0] + " (expected: " + (value == Value.KV_CACHE_USAGE ? "a number within 0..1" : "a finite number >= 0") + ")";
        }
        aggregated.merge(name, sample, value == Value.KV_CACHE_USAGE ? Math::max : Double::sum);
        return null;
    }

    /** Index just after the closing brace of a label set starting at {@code from}, or -1. */
    private static int endOfLabels(String line, int from) {
        int i = from;
        while (true) {
            i = skipSpaces(line, i);
            if (i >= line.length()) {
                return -1;
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int nameStart = i;
            while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_')) {
                i++;
            }
            i = skipSpaces(line, i);
            if (i == nameStart || i >= line.length() || line.charAt(i) != '=') {
                return -1;
            }
            i = skipSpaces(line, i + 1);
            if (i >= line.length() || line.charAt(i) != '"') {
                return -1;
            }
            i++;
            while (i < line.length() && line.charAt(i) != '"') {
                i += line.charAt(i) == '\\' ? 2 : 1;
            }
            if (i >= line.length()) {
                return -1;
            }
            i = skipSpaces(line, i + 1);
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            } else if (i >= line.length() || line.charAt(i) != '}') {
                return -1;
            }
        }
    }

    private static int skipSpaces(String line, int from) {
        int i = from;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The sample value; NaN for anything that is not a number in the text format. */
    private static double number(String token) {
        return switch (token) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> NUMBER.matcher(token).matches() ? Double.parseDouble(token) : Double.NaN;
        };
    }

    private LoadParseResult result(Map<String, Double> aggregated) {
        OptionalDouble waiting = first(names.waiting(), aggregated);
        OptionalDouble running = first(names.running(), aggregated);
        OptionalDouble kvCacheUsage = first(names.kvCacheUsage(), aggregated);
        List<String> missing = new ArrayList<>();
        if (waiting.isEmpty()) {
            missing.add("waiting");
        }
        if (running.isEmpty()) {
            missing.add("running");
        }
        if (kvCacheUsage.isEmpty()) {
            missing.add("kv-cache-usage");
        }
        if (missing.size() == 3) {
            List<String> all = new ArrayList<>(names.waiting());
            all.addAll(names.running());
            all.addAll(names.kvCacheUsage());
            return new LoadParseResult.Unusable("no load metric found (expected one of: " + String.join(", ", all) + ")");
        }
        return new LoadParseResult.Parsed(new BackendLoad(waiting, running, kvCacheUsage), missing);
    }

    private static OptionalDouble first(List<String> preference, Map<String, Double> aggregated) {
        for (String name : preference) {
            Double value = aggregated.get(name);
            if (value != null) {
                return OptionalDouble.of(value);
            }
        }
        return OptionalDouble.empty();
    }
}
