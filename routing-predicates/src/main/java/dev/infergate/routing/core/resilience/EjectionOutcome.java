package dev.infergate.routing.core.resilience;

import java.time.Duration;

/** What a failure did to its endpoint. */
public sealed interface EjectionOutcome {

    /** Counted; {@code consecutive} failures in a row so far. */
    record Counted(int consecutive) implements EjectionOutcome {
    }

    /** Ejected for {@code duration}, its {@code times}-th ejection in a row. */
    record Ejected(String endpoint, Duration duration, int times) implements EjectionOutcome {
    }

    /** Due for ejection, but {@code ejected} endpoints of the pool already are, the most allowed. */
    record CappedByPool(int ejected, int maxEjected) implements EjectionOutcome {
    }

    /** Already ejected: late failures of requests sent before the ejection do not count. */
    record AlreadyEjected() implements EjectionOutcome {
    }
}
