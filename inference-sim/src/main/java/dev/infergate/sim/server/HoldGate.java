package dev.infergate.sim.server;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The hold switch: while closed, streams wait after their first chunk until it opens again. */
final class HoldGate {

    private Sinks.Empty<Void> released = Sinks.empty();
    private boolean holding;

    synchronized void hold() {
        if (!holding) {
            released = Sinks.empty();
            holding = true;
        }
    }

    void release() {
        Sinks.Empty<Void> toRelease;
        synchronized (this) {
            if (!holding) {
                return;
            }
            holding = false;
            toRelease = released;
        }
        toRelease.tryEmitEmpty();
    }

    synchronized boolean holding() {
        return holding;
    }

    /** Completes at once when open, otherwise when released. */
    synchronized Mono<Void> whenOpen() {
        return holding ? released.asMono() : Mono.empty();
    }
}
