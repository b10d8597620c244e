package dev.infergate.routing.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * The limits of the current upstream attempt, kept in the exchange attribute {@value #ATTRIBUTE}
 * by the {@code Timeouts} filter; a retry replaces them.
 *
 * @param startNanos {@link System#nanoTime()} when the attempt started
 */
record AttemptDeadlines(TimeoutsSpec spec, long startNanos) {

    static final String ATTRIBUTE = "dev.infergate.routing.resilience.AttemptDeadlines";

    /** What is left of {@code limit} now; zero when it has passed. */
    static Duration remaining(Duration limit, long startNanos) {
        long left = limit.toNanos() - (System.nanoTime() - startNanos);
        return Duration.ofNanos(Math.max(0, left));
    }

    Optional<Duration> total(boolean stream) {
        return stream ? spec.streamTotal() : spec.total();
    }
}
