package dev.infergate.bench.load;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a {@link System#nanoTime()} deadline: parks while far from it and spins for the last
 * tens of microseconds, because a park alone oversleeps by about 50 µs on Linux.
 */
final class Pacing {

    private static final long SPIN_NANOS = 60_000;

    private Pacing() {
    }

    static void until(long deadline) {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            if (remaining > SPIN_NANOS) {
                LockSupport.parkNanos(remaining - SPIN_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
