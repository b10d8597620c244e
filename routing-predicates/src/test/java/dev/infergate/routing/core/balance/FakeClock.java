package dev.infergate.routing.core.balance;

import java.time.Duration;

/** A clock that moves only when told. */
final class FakeClock implements NanoClock {

    private long nanos = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return nanos;
    }

    FakeClock advance(Duration duration) {
        nanos += duration.toNanos();
        return this;
    }
}
