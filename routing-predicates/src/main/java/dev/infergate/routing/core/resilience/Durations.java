package dev.infergate.routing.core.resilience;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the configuration writes them: a whole number and a unit, {@code ms} or {@code s} ({@code 250ms}, {@code 2s}). */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s)");

    private Durations() {
    }

    /** Parses {@code text}; throws with {@code key}, the value and the expected form. */
    public static Duration parse(String key, Object value) {
        if (value instanceof String text) {
            Matcher matcher = FORM.matcher(text.strip());
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return "ms".equals(matcher.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
            }
        }
        String shown = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
        throw new IllegalArgumentException(key + ": " + shown + " (expected: a duration such as 250ms or 2s)");
    }

    /** {@code 250ms}, {@code 2s}: the form {@link #parse} reads. */
    public static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
