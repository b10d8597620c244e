package dev.infergate.sim.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of one simulated server, read by tests over {@code GET /sim/stats}. */
public final class SimStats {

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong faulted = new AtomicLong();
    private final AtomicLong tokensEmitted = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();

    void onReceived() {
        received.incrementAndGet();
        inFlight.incrementAndGet();
    }

    void onCompleted() {
        completed.incrementAndGet();
        inFlight.decrementAndGet();
    }

    void onCancelled() {
        cancelled.incrementAndGet();
        inFlight.decrementAndGet();
    }

    /** A request answered by a fault switch (error status, throttle, reset). */
    void onFaulted() {
        faulted.incrementAndGet();
        inFlight.decrementAndGet();
    }

    void onTokenEmitted() {
        tokensEmitted.incrementAndGet();
    }

    public long receivedCount() {
        return received.get();
    }

    public long completedCount() {
        return completed.get();
    }

    public long cancelledCount() {
        return cancelled.get();
    }

    public long faultedCount() {
        return faulted.get();
    }

    public long tokensEmitted() {
        return tokensEmitted.get();
    }

    public long inFlight() {
        return inFlight.get();
    }

    public void reset() {
        for (AtomicLong counter : new AtomicLong[] {received, completed, cancelled, faulted, tokensEmitted}) {
            counter.set(0);
        }
    }

    public Map<String, Long> asMap() {
        Map<String, Long> view = new LinkedHashMap<>();
        view.put("received", received.get());
        view.put("completed", completed.get());
        view.put("cancelled", cancelled.get());
        view.put("faulted", faulted.get());
        view.put("tokensEmitted", tokensEmitted.get());
        view.put("inFlight", inFlight.get());
        return view;
    }
}
