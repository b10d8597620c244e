package dev.infergate.routing.core.balance;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything known about one endpoint's load at one instant: what strategies consume.
 *
 * @param endpoint {@code host:port}
 * @param local what the gateway measured itself
 * @param backend the freshest backend load that is not stale (see {@link SignalSettings#backendMaxAge()});
 *                empty when there is none, and strategies then work on local signals alone
 */
public record LoadSnapshot(String endpoint, LocalLoad local, Optional<BackendSignal> backend) {

    /** Local signals only. */
    public static LoadSnapshot local(String endpoint, LocalLoad local) {
        return new LoadSnapshot(endpoint, local, Optional.empty());
    }

    /** Queued requests the backend reported, 0 when unknown. */
    public double waitingOrZero() {
        return backend.flatMap(signal -> boxed(signal.load().waiting())).orElse(0.0);
    }

    /** Running requests the backend reported, 0 when unknown. */
    public double runningOrZero() {
        return backend.flatMap(signal -> boxed(signal.load().running())).orElse(0.0);
    }

    /** KV-cache usage the backend reported, 0 when unknown. */
    public double kvCacheUsageOrZero() {
        return backend.flatMap(signal -> boxed(signal.load().kvCacheUsage())).orElse(0.0);
    }

    private static Optional<Double> boxed(OptionalDouble value) {
        return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
    }
}
