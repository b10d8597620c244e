package dev.infergate.routing.resilience;

import dev.infergate.routing.core.resilience.Durations;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The validated arguments of one {@code Timeouts} filter; every limit is optional and positive.
 *
 * @param firstByte from the attempt's start to the first byte of the response body (time to first
 *                  token for a stream)
 * @param idle the longest gap between two chunks of the body
 * @param total from the attempt's start to the body's end, for responses that are not streams
 * @param streamTotal the same for streams ({@code text/event-stream}): a long generation is not cut
 *                    unless this is set
 */
public record TimeoutsSpec(Optional<Duration> firstByte, Optional<Duration> idle, Optional<Duration> total,
        Optional<Duration> streamTotal) {

    public TimeoutsSpec {
        positive("first-byte", firstByte);
        positive("idle", idle);
        positive("total", total);
        positive("stream-total", streamTotal);
        if (firstByte.isEmpty() && idle.isEmpty() && total.isEmpty() && streamTotal.isEmpty()) {
            throw new IllegalArgumentException("Timeouts: no limit set (expected at least one of: first-byte, idle, total, stream-total)");
        }
    }

    static TimeoutsSpec of(TimeoutsGatewayFilterFactory.Config config) {
        return new TimeoutsSpec(parse("first-byte", config.getFirstByte()), parse("idle", config.getIdle()),
                parse("total", config.getTotal()), parse("stream-total", config.getStreamTotal()));
    }

    private static Optional<Duration> parse(String key, @Nullable String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Durations.parse(key, value));
    }

    private static void positive(String key, Optional<Duration> value) {
        if (value.filter(duration -> duration.isNegative() || duration.isZero()).isPresent()) {
            throw new IllegalArgumentException(key + ": " + Durations.format(value.get()) + " (expected: > 0)");
        }
    }
}
