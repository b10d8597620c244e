package dev.infergate.sim.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/**
 * The duration notation of fleet files: a decimal number followed by a unit, {@code ns},
 * {@code us}, {@code ms} or {@code s} ({@code 5ms}, {@code 250us}, {@code 0.06ms}). The value
 * must be a whole number of nanoseconds.
 *
 * <p>{@link #format(Duration)} writes the largest unit that keeps the number whole
 * ({@code 60000ns} is written {@code 60us}), so formatting then parsing gives the same value.
 */
final class DurationText {

    static final String EXPECTED = "a duration such as 5ms, 250us or 60us";

    private static final String[] UNITS = {"s", "ms", "us", "ns"};
    private static final long[] NANOS_PER_UNIT = {1_000_000_000L, 1_000_000L, 1_000L, 1L};

    private DurationText() {}

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with the reason, when {@code text} is not a duration
     */
    static Duration parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        int unitIndex = unitOf(trimmed);
        if (unitIndex < 0) {
            throw new IllegalArgumentException("expected: " + EXPECTED);
        }
        String number = trimmed.substring(0, trimmed.length() - UNITS[unitIndex].length()).trim();
        BigDecimal nanos;
        try {
            nanos = new BigDecimal(number).multiply(BigDecimal.valueOf(NANOS_PER_UNIT[unitIndex]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected: " + EXPECTED);
        }
        try {
            return Duration.ofNanos(nanos.setScale(0, RoundingMode.UNNECESSARY).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("expected: a whole number of nanoseconds");
        }
    }

    /** Writes {@code duration} in the largest unit that keeps the number whole. */
    static String format(Duration duration) {
        long nanos = duration.toNanos();
        for (int i = 0; i < UNITS.length; i++) {
            if (nanos % NANOS_PER_UNIT[i] == 0) {
                return nanos / NANOS_PER_UNIT[i] + UNITS[i];
            }
        }
        throw new AssertionError("every duration is a whole number of nanoseconds");
    }

    private static int unitOf(String text) {
        // "ns", "us" and "ms" also end with "s": try the two-letter units first.
        for (int i = 1; i < UNITS.length; i++) {
            if (text.endsWith(UNITS[i])) {
                return i;
            }
        }
        return text.endsWith("s") ? 0 : -1;
    }
}
