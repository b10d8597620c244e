package dev.infergate.routing.core.resilience;

import dev.infergate.routing.core.balance.SettingsReader;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Outlier ejection of one pool.
 *
 * @param consecutiveFailures {@code consecutive-failures}: failures in a row (connect failures, 5xx,
 *                            timeouts) that eject an endpoint. Default 5, Envoy's
 * @param baseEjection {@code base-ejection}: the first ejection's length; the {@code k}-th in a row
 *                     lasts {@code k × base-ejection}. Default 30 s, Envoy's
 * @param maxEjection {@code max-ejection}: the longest ejection. Default 300 s, Envoy's
 * @param maxEjectedPercent {@code max-ejected-percent}: at most {@code floor(pool × percent / 100)}
 *                          endpoints of a pool are ejected at once, and never all of them. Default 50:
 *                          a fleet whose majority fails has a problem ejection cannot solve, and
 *                          ejecting it would overload the rest
 */
public record OutlierSettings(int consecutiveFailures, Duration baseEjection, Duration maxEjection, int maxEjectedPercent) {

    public OutlierSettings {
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutive-failures: " + consecutiveFailures + " (expected: >= 1)");
        }
        if (baseEjection.toMillis() < 1) {
            throw new IllegalArgumentException("base-ejection: " + Durations.format(baseEjection) + " (expected: >= 1ms)");
        }
        if (maxEjection.compareTo(baseEjection) < 0) {
            throw new IllegalArgumentException("max-ejection: " + Durations.format(maxEjection)
                    + " (expected: >= base-ejection " + Durations.format(baseEjection) + ")");
        }
        if (maxEjectedPercent < 0 || maxEjectedPercent > 100) {
            throw new IllegalArgumentException("max-ejected-percent: " + maxEjectedPercent + " (expected: 0..100)");
        }
    }

    public static OutlierSettings defaults() {
        return new OutlierSettings(5, Duration.ofSeconds(30), Duration.ofSeconds(300), 50);
    }

    public static OutlierSettings from(Map<String, ?> settings) {
        OutlierSettings defaults = defaults();
        SettingsReader reader = SettingsReader.of(settings);
        int failures = reader.integer("consecutive-failures", defaults.consecutiveFailures());
        Duration base = duration(reader, "base-ejection", defaults.baseEjection());
        Duration max = duration(reader, "max-ejection", defaults.maxEjection());
        int percent = reader.integer("max-ejected-percent", defaults.maxEjectedPercent());
        reader.rejectUnknown();
        return new OutlierSettings(failures, base, max, percent);
    }

    /** How many endpoints of a pool of {@code size} may be ejected at once. */
    public int maxEjected(int size) {
        return Math.min(size * maxEjectedPercent / 100, size - 1);
    }

    private static Duration duration(SettingsReader reader, String key, Duration fallback) {
        @Nullable Object value = reader.value(key);
        return value == null ? fallback : Durations.parse(key, value);
    }
}
