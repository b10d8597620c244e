package dev.infergate.routing.balancer;

import dev.infergate.routing.core.balance.Lease;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The lease of the current attempt of one request, shared by {@link LoadSignalFilter}, which puts
 * this holder in the exchange and completes the lease when the response ends, and
 * {@link EndpointPicker}, which starts a lease for every endpoint it picks. Starting at the pick
 * makes the request count as in flight before the next pick, so a burst does not pile onto one
 * endpoint. Without the filter no holder exists and the picker starts no lease, so none can leak.
 *
 * <p>One attempt at a time: a new pick on the same exchange means the previous attempt ended
 * without a response worth keeping (a retry), so its lease completes as a failure.
 */
final class AttemptLeases {

    static final String ATTRIBUTE = "dev.infergate.routing.balancer.AttemptLeases";

    private @Nullable Lease current;

    static Optional<AttemptLeases> in(Map<String, Object> attributes) {
        return Optional.ofNullable((AttemptLeases) attributes.get(ATTRIBUTE));
    }

    synchronized void begin(Lease lease) {
        if (current != null) {
            current.complete(Lease.Outcome.FAILURE);
        }
        current = lease;
    }

    synchronized Optional<Lease> current() {
        return Optional.ofNullable(current);
    }

    synchronized void finish(Lease.Outcome outcome) {
        if (current != null) {
            current.complete(outcome);
        }
    }
}
