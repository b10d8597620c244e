package dev.infergate.routing.core.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * One failed attempt, as a retry policy sees it.
 *
 * @param condition what failed
 * @param retryAfter the upstream's {@code Retry-After}, if it sent one
 */
public record Failure(RetryCondition condition, Optional<Duration> retryAfter) {

    public static Failure of(RetryCondition condition) {
        return new Failure(condition, Optional.empty());
    }
}
