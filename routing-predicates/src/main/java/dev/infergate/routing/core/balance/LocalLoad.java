package dev.infergate.routing.core.balance;

import java.util.OptionalDouble;

/**
 * What the gateway itself measured of one endpoint.
 *
 * @param inFlight requests sent and not yet finished
 * @param latencyMillis time-decayed average of the total time of successful requests ({@link Ewma}); empty before the first
 * @param firstByteMillis time-decayed average of the time to the first response byte of successful requests; empty before the first
 * @param errorRate time-decayed average of failures (1) and successes (0), from 0 to 1; 0 before the first request
 */
public record LocalLoad(int inFlight, OptionalDouble latencyMillis, OptionalDouble firstByteMillis, double errorRate) {

    public LocalLoad {
        if (inFlight < 0) {
            throw new IllegalArgumentException("inFlight: " + inFlight + " (expected: >= 0)");
        }
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("errorRate: " + errorRate + " (expected: 0..1)");
        }
    }

    /** Nothing measured, nothing in flight. */
    public static LocalLoad idle() {
        return new LocalLoad(0, OptionalDouble.empty(), OptionalDouble.empty(), 0);
    }

    /** Only an in-flight count: for tests and for endpoints without history. */
    public static LocalLoad inFlight(int inFlight) {
        return new LocalLoad(inFlight, OptionalDouble.empty(), OptionalDouble.empty(), 0);
    }
}
