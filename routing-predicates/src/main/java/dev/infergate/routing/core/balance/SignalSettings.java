package dev.infergate.routing.core.balance;

import java.time.Duration;

/**
 * How load signals age.
 *
 * @param halfLife half-life of the local averages (latency, time to first byte, errors). Default
 *                 10 s: inference requests take from tens of milliseconds to several seconds, so
 *                 10 s averages a few dozen requests per endpoint at moderate load, yet forgets a
 *                 slow spell within half a minute
 * @param backendMaxAge scraped or reported load older than this is stale and ignored. Default 3 s:
 *                      three scrape intervals at the default 1 s, so one slow scrape does not flip
 *                      the pool to local signals, while a stopped one does within seconds
 */
public record SignalSettings(Duration halfLife, Duration backendMaxAge) {

    public static final Duration DEFAULT_HALF_LIFE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BACKEND_MAX_AGE = Duration.ofSeconds(3);

    public SignalSettings {
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("half-life: " + halfLife + " (expected: > 0)");
        }
        if (backendMaxAge.isNegative() || backendMaxAge.isZero()) {
            throw new IllegalArgumentException("backend-max-age: " + backendMaxAge + " (expected: > 0)");
        }
    }

    public static SignalSettings defaults() {
        return new SignalSettings(DEFAULT_HALF_LIFE, DEFAULT_BACKEND_MAX_AGE);
    }
}
