package dev.infergate.routing.core.balance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link EndpointHealth} in a map of expiry instants; expired entries are dropped when met. */
final class InMemoryEndpointHealth implements EndpointHealth {

    private final NanoClock clock;
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();

    InMemoryEndpointHealth(NanoClock clock) {
        this.clock = clock;
    }

    @Override
    public void eject(String endpoint, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: > 0)");
        }
        long until = clock.nanoTime() + duration.toNanos();
        expiries.merge(endpoint, until, (current, proposed) -> current - proposed >= 0 ? current : proposed);
    }

    @Override
    public void restore(String endpoint) {
        expiries.remove(endpoint);
    }

    @Override
    public boolean isEjected(String endpoint) {
        return ejection(endpoint).isPresent();
    }

    @Override
    public Optional<Ejection> ejection(String endpoint) {
        Long until = expiries.get(endpoint);
        if (until == null) {
            return Optional.empty();
        }
        long remaining = until - clock.nanoTime();
        if (remaining <= 0) {
            expiries.remove(endpoint, until);
            return Optional.empty();
        }
        return Optional.of(new Ejection(endpoint, Duration.ofNanos(remaining)));
    }

    @Override
    public List<Ejection> ejected() {
        List<Ejection> ejected = new ArrayList<>();
        for (String endpoint : expiries.keySet()) {
            ejection(endpoint).ifPresent(ejected::add);
        }
        ejected.sort((a, b) -> a.endpoint().compareTo(b.endpoint()));
        return ejected;
    }
}
