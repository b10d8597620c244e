package dev.infergate.routing.core.resilience;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Hedging of a retry policy ({@code hedge.*}): after a delay without an answer, a second attempt
 * goes to another endpoint and the first complete answer wins.
 *
 * @param delay {@code hedge.delay}: a fixed delay ({@code 200ms}), or empty when a percentile is used
 * @param percentile {@code hedge.delay: p95}: the delay is that percentile of the route's recent
 *                   latencies ({@link LatencyWindow}); until enough are known, {@code hedge.initial-delay}
 * @param initialDelay {@code hedge.initial-delay}: the delay before enough latencies are known. Default 200 ms
 */
public record HedgeSettings(Optional<Duration> delay, OptionalInt percentile, Duration initialDelay) {

    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(200);

    public HedgeSettings {
        if (delay.isPresent() == percentile.isPresent()) {
            throw new IllegalArgumentException("hedge.delay: expected exactly one of a duration (such as 200ms) or a percentile (p50..p99)");
        }
        if (percentile.isPresent() && (percentile.getAsInt() < 50 || percentile.getAsInt() > 99)) {
            throw new IllegalArgumentException("hedge.delay: p" + percentile.getAsInt() + " (expected: p50..p99)");
        }
        if (delay.filter(value -> value.toMillis() < 1).isPresent()) {
            throw new IllegalArgumentException("hedge.delay: " + Durations.format(delay.get()) + " (expected: >= 1ms)");
        }
        if (initialDelay.toMillis() < 1) {
            throw new IllegalArgumentException("hedge.initial-delay: " + Durations.format(initialDelay) + " (expected: >= 1ms)");
        }
    }

    /** Hedging as configured under {@code hedge}, if the policy has that key. */
    static Optional<HedgeSettings> from(@Nullable Object delayValue, @Nullable Object initialValue) {
        if (delayValue == null) {
            if (initialValue != null) {
                throw new IllegalArgumentException("hedge.initial-delay: set without hedge.delay");
            }
            return Optional.empty();
        }
        Duration initial = initialValue == null ? DEFAULT_INITIAL_DELAY : Durations.parse("hedge.initial-delay", initialValue);
        if (delayValue instanceof String text && text.strip().matches("p\\d{1,3}")) {
            return Optional.of(new HedgeSettings(Optional.empty(), OptionalInt.of(Integer.parseInt(text.strip().substring(1))), initial));
        }
        return Optional.of(new HedgeSettings(Optional.of(Durations.parse("hedge.delay", delayValue)), OptionalInt.empty(), initial));
    }

    /** The delay before the hedge, given the route's recent latencies. */
    public Duration delay(LatencyWindow recent) {
        if (delay.isPresent()) {
            return delay.get();
        }
        return recent.percentile(percentile.getAsInt()).orElse(initialDelay);
    }

}
