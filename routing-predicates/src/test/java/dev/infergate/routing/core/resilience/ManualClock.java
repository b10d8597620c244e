package dev.infergate.routing.core.resilience;

import dev.infergate.routing.core.balance.NanoClock;
import java.time.Duration;

/** A clock that moves only when told; starts at second 100 so that slot arithmetic is not at zero. */
final class ManualClock implements NanoClock {

    private long nanos = 100_000_000_000L;

    @Override
    public long nanoTime() {
        return nanos;
    }

    ManualClock advance(Duration duration) {
        nanos += duration.toNanos();
        return this;
    }
}
