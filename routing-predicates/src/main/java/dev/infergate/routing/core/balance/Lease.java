package dev.infergate.routing.core.balance;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request in flight to one endpoint, from {@link LocalLoadTracker#start()} until
 * {@link #complete(Outcome)}. The caller must complete every lease exactly once, whatever happens
 * to the request; later calls are ignored, so completing from several paths is safe.
 *
 * <p>Modelled on Netflix concurrency-limits' {@code Limiter.Listener}: the outcome says what the
 * request teaches about the endpoint.
 */
public final class Lease {

    /** What a finished request teaches about its endpoint. */
    public enum Outcome {
        /** Answered: its latency counts, and it lowers the error rate. */
        SUCCESS,
        /** Failed because of the endpoint (5xx, 429, reset, timeout): raises the error rate; its latency is not counted. */
        FAILURE,
        /** Says nothing about the endpoint (the client went away, the request was refused locally): only leaves the in-flight count. */
        IGNORED
    }

    private final LocalLoadTracker tracker;
    private final long startNanos;
    private final AtomicBoolean firstByteSeen = new AtomicBoolean();
    private final AtomicBoolean completed = new AtomicBoolean();

    Lease(LocalLoadTracker tracker, long startNanos) {
        this.tracker = tracker;
        this.startNanos = startNanos;
    }

    /** The endpoint ({@code host:port}) this request went to. */
    public String endpoint() {
        return tracker.endpoint();
    }

    /**
     * The first byte of a successful response body arrived: records the time to first byte. Only the
     * first call counts, and none after {@link #complete(Outcome)}.
     */
    public void firstByte() {
        if (!completed.get() && firstByteSeen.compareAndSet(false, true)) {
            tracker.firstByte(startNanos);
        }
    }

    /** The request is over; only the first call counts. */
    public void complete(Outcome outcome) {
        if (completed.compareAndSet(false, true)) {
            tracker.complete(startNanos, outcome);
        }
    }
}
