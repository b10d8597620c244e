package dev.infergate.routing.core.balance;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which endpoints are ejected: kept out of every pick until their ejection expires. Whoever
 * detects failures (outlier detection, health checks) ejects; the picker only reads.
 *
 * <p>Contract: {@link #eject(String, Duration)} keeps the endpoint out until {@code now + duration},
 * or until a later expiry it already had (ejections never shorten each other); at the expiry
 * instant it is back. {@link #restore(String)} ends an ejection early. Endpoints are
 * {@code host:port}. Implementations are thread-safe.
 */
public interface EndpointHealth {

    void eject(String endpoint, Duration duration);

    void restore(String endpoint);

    boolean isEjected(String endpoint);

    /** The endpoint's ejection, if it is ejected now. */
    Optional<Ejection> ejection(String endpoint);

    /** Every endpoint ejected now, by address. */
    List<Ejection> ejected();

    /** Ejections kept in memory, expiring on {@code clock}. */
    static EndpointHealth inMemory(NanoClock clock) {
        return new InMemoryEndpointHealth(clock);
    }
}
