package dev.infergate.sim.server;

import java.util.Random;
import reactor.core.publisher.Mono;

/** The live fault switches of one server and the seeded draws that apply them. */
public final class Faults {

    private final Random random;
    private final HoldGate holdGate = new HoldGate();
    private volatile FaultSettings settings = FaultSettings.NONE;

    Faults(long seed) {
        this.random = new Random(seed);
    }

    public FaultSettings current() {
        return settings;
    }

    public void set(FaultSettings next) {
        settings = next;
        if (next.hold()) {
            holdGate.hold();
        } else {
            holdGate.release();
        }
    }

    public void hold() {
        set(settings.withHold(true));
    }

    public void release() {
        set(settings.withHold(false));
    }

    public void clear() {
        set(FaultSettings.NONE);
    }

    Mono<Void> whenReleased() {
        return holdGate.whenOpen();
    }

    /** Draws whether this request gets an injected error, a throttle, or neither. */
    Injected draw() {
        FaultSettings now = settings;
        double roll;
        synchronized (random) {
            roll = random.nextDouble();
        }
        if (roll < now.errorRate()) {
            return Injected.ERROR;
        }
        if (roll < now.errorRate() + now.throttleRate()) {
            return Injected.THROTTLE;
        }
        return Injected.NONE;
    }

    enum Injected { NONE, ERROR, THROTTLE }
}
