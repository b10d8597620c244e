package dev.infergate.sim.server;

/**
 * The fault switches of one server; {@code /sim/faults} reads and merges them as JSON.
 *
 * @param errorRate share of requests answered with {@code errorStatus} (0..1)
 * @param errorStatus the status of injected errors
 * @param throttleRate share of requests answered with {@code throttleStatus} and {@code Retry-After}
 * @param throttleStatus 429 or 503
 * @param retryAfterSeconds the {@code Retry-After} of throttled answers
 * @param slowFirstByteMillis extra delay before the response starts
 * @param resetAfterChunks reset the connection after this many streamed chunks (0 = never)
 * @param hang accept requests and never answer
 * @param hold streams stop after their first chunk until hold is switched off
 * @param unready {@code GET /v2/health/ready} answers 503, as a server that is loading or draining does
 */
public record FaultSettings(
        double errorRate,
        int errorStatus,
        double throttleRate,
        int throttleStatus,
        int retryAfterSeconds,
        long slowFirstByteMillis,
        int resetAfterChunks,
        boolean hang,
        boolean hold,
        boolean unready) {

    public static final FaultSettings NONE = new FaultSettings(0, 500, 0, 503, 1, 0, 0, false, false, false);

    public FaultSettings {
        requireRate("errorRate", errorRate);
        requireRate("throttleRate", throttleRate);
        if (errorStatus < 400 || errorStatus > 599) {
            throw new IllegalArgumentException("errorStatus: " + errorStatus + " (expected: 400..599)");
        }
        if (throttleStatus != 429 && throttleStatus != 503) {
            throw new IllegalArgumentException("throttleStatus: " + throttleStatus + " (expected: 429 or 503)");
        }
        if (retryAfterSeconds < 0 || slowFirstByteMillis < 0 || resetAfterChunks < 0) {
            throw new IllegalArgumentException("retryAfterSeconds, slowFirstByteMillis and resetAfterChunks must be >= 0");
        }
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + ": " + rate + " (expected: 0..1)");
        }
    }

    public FaultSettings withSlowFirstByteMillis(long millis) {
        return new FaultSettings(errorRate, errorStatus, throttleRate, throttleStatus, retryAfterSeconds,
                millis, resetAfterChunks, hang, hold, unready);
    }

    public FaultSettings withHang(boolean hang) {
        return new FaultSettings(errorRate, errorStatus, throttleRate, throttleStatus, retryAfterSeconds,
                slowFirstByteMillis, resetAfterChunks, hang, hold, unready);
    }

    public FaultSettings withUnready(boolean unready) {
        return new FaultSettings(errorRate, errorStatus, throttleRate, throttleStatus, retryAfterSeconds,
                slowFirstByteMillis, resetAfterChunks, hang, hold, unready);
    }

    public FaultSettings withHold(boolean hold) {
        return new FaultSettings(errorRate, errorStatus, throttleRate, throttleStatus, retryAfterSeconds,
                slowFirstByteMillis, resetAfterChunks, hang, hold, unready);
    }
}
