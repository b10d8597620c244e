package dev.infergate.routing.core.resilience;

import java.time.Duration;

/**
 * How many retries a budget allows.
 *
 * @param ratio {@code budget.ratio}: retries allowed per request seen in the window. Default 0.2:
 *              a retry storm adds at most a fifth to the upstream's load (Envoy's and Finagle's
 *              default budget)
 * @param minPerSecond {@code budget.min-per-second}: retries allowed per second of the window
 *                     whatever the traffic, so that a quiet route can still retry. Default 3
 * @param window {@code budget.window}: how far back requests and retries count. Default 10 s
 */
public record RetryBudgetSettings(double ratio, double minPerSecond, Duration window) {

    public static final double DEFAULT_RATIO = 0.2;
    public static final double DEFAULT_MIN_PER_SECOND = 3;
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

    public RetryBudgetSettings {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("budget.ratio: " + ratio + " (expected: 0..1)");
        }
        if (!(minPerSecond >= 0 && Double.isFinite(minPerSecond))) {
            throw new IllegalArgumentException("budget.min-per-second: " + minPerSecond + " (expected: >= 0)");
        }
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("budget.window: " + Durations.format(window)
                    + " (expected: a whole number of seconds, >= 1s)");
        }
    }

    public static RetryBudgetSettings defaults() {
        return new RetryBudgetSettings(DEFAULT_RATIO, DEFAULT_MIN_PER_SECOND, DEFAULT_WINDOW);
    }

    /** The retries allowed whatever the traffic: {@code min-per-second × window seconds}. */
    public double minimumAllowance() {
        return minPerSecond * window.toSeconds();
    }
}
