package dev.infergate.sim.server;

import java.util.concurrent.atomic.AtomicBoolean;

/** Records how one request ended, exactly once, in the server's counters. */
final class RequestOutcome {

    private final SimStats stats;
    private final AtomicBoolean ended = new AtomicBoolean();

    RequestOutcome(SimStats stats) {
        this.stats = stats;
        stats.onReceived();
    }

    void completed() {
        if (ended.compareAndSet(false, true)) {
            stats.onCompleted();
        }
    }

    void cancelled() {
        if (ended.compareAndSet(false, true)) {
            stats.onCancelled();
        }
    }

    void faulted() {
        if (ended.compareAndSet(false, true)) {
            stats.onFaulted();
        }
    }
}
