package dev.infergate.routing.core.balance;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local signals of one endpoint: requests in flight, and time-decayed averages ({@link Ewma},
 * one half-life for all) of latency, time to first byte and errors.
 *
 * <p>{@link #start()} counts a request in flight and returns its {@link Lease};
 * {@link Lease#firstByte()} adds a time-to-first-byte sample; {@link Lease#complete(Lease.Outcome)}
 * leaves the in-flight count and adds, for {@code SUCCESS}, a latency sample and an error sample
 * of 0; for {@code FAILURE}, an error sample of 1 (a fast failure must not make the endpoint look
 * fast); for {@code IGNORED}, nothing. Thread-safe.
 */
public final class LocalLoadTracker {

    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private final String endpoint;
    private final NanoClock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Ewma latency;
    private final Ewma firstByte;
    private final Ewma errors;

    public LocalLoadTracker(String endpoint, Duration halfLife, NanoClock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
        this.latency = new Ewma(halfLife);
        this.firstByte = new Ewma(halfLife);
        this.errors = new Ewma(halfLife);
    }

    public String endpoint() {
        return endpoint;
    }

    /** A request to this endpoint begins now. */
    public Lease start() {
        inFlight.incrementAndGet();
        return new Lease(this, clock.nanoTime());
    }

    /** The current signals. */
    public LocalLoad load() {
        synchronized (this) {
            return new LocalLoad(Math.max(0, inFlight.get()), millis(latency), millis(firstByte),
                    errors.value().orElse(0));
        }
    }

    void firstByte(long startNanos) {
        long now = clock.nanoTime();
        synchronized (this) {
            firstByte.add(now - startNanos, now);
        }
    }

    void complete(long startNanos, Lease.Outcome outcome) {
        inFlight.decrementAndGet();
        long now = clock.nanoTime();
        synchronized (this) {
            switch (outcome) {
                case SUCCESS -> {
                    latency.add(now - startNanos, now);
                    errors.add(0, now);
                }
                case FAILURE -> errors.add(1, now);
                case IGNORED -> {
                    // says nothing about the endpoint
                }
            }
        }
    }

    private static OptionalDouble millis(Ewma nanos) {
        OptionalDouble value = nanos.value();
        return value.isPresent() ? OptionalDouble.of(value.getAsDouble() / NANOS_PER_MILLI) : OptionalDouble.empty();
    }
}
