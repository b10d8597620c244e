package dev.infergate.routing.core.resilience;

import dev.infergate.routing.core.balance.EndpointHealth;
import dev.infergate.routing.core.balance.NanoClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Consecutive-failure outlier detection (Envoy's {@code consecutive_5xx}, with its ejection
 * growth and cap), feeding {@link EndpointHealth}.
 *
 * <p>Per endpoint: a success resets the count of failures in a row; the failure that brings it to
 * {@code consecutive-failures} ejects the endpoint for
 *
 * <pre>
 * min(max-ejection, k × base-ejection)
 * k = 1 + max(0, previous k − ⌊time since its last return / base-ejection⌋)
 * </pre>
 *
 * so an endpoint that fails again soon after returning stays out longer, and one that stays healthy
 * is forgiven one step per {@code base-ejection}. The ejection is refused when the pool already has
 * {@link OutlierSettings#maxEjected(int)} endpoints ejected by this detector; the count then stays
 * at the threshold and the next failure tries again. Ejected endpoints return by themselves when
 * {@link EndpointHealth} lets the ejection expire. Thread-safe (one lock).
 */
public final class OutlierDetector {

    private final EndpointHealth health;
    private final NanoClock clock;
    private final Function<String, OutlierSettings> settings;
    private final Map<String, State> states = new HashMap<>();

    /**
     * @param settings each pool's settings, asked on every failure so that a live change applies
     */
    public OutlierDetector(EndpointHealth health, NanoClock clock, Function<String, OutlierSettings> settings) {
        this.health = health;
        this.clock = clock;
        this.settings = settings;
    }

    public synchronized void succeeded(String endpoint) {
        State state = states.get(endpoint);
        if (state != null) {
            state.consecutive = 0;
        }
    }

    /**
     * Counts a failure of {@code endpoint}, a member of {@code pool} of {@code poolSize} endpoints.
     */
    public synchronized EjectionOutcome failed(String pool, String endpoint, int poolSize) {
        long now = clock.nanoTime();
        State state = states.computeIfAbsent(endpoint, key -> new State(pool));
        if (state.ejected(now)) {
            return new EjectionOutcome.AlreadyEjected();
        }
        OutlierSettings current = settings.apply(pool);
        state.consecutive = Math.min(state.consecutive + 1, current.consecutiveFailures());
        if (state.consecutive < current.consecutiveFailures()) {
            return new EjectionOutcome.Counted(state.consecutive);
        }
        int ejected = (int) states.values().stream().filter(other -> other.pool.equals(pool) && other.ejected(now)).count();
        int maxEjected = current.maxEjected(poolSize);
        if (ejected >= maxEjected) {
            return new EjectionOutcome.CappedByPool(ejected, maxEjected);
        }
        long base = current.baseEjection().toNanos();
        int forgiven = state.times == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (now - state.until) / base);
        int times = 1 + Math.max(0, state.times - forgiven);
        long nanos = Math.min(current.maxEjection().toNanos(), base * times);
        Duration duration = Duration.ofNanos(nanos);
        state.times = times;
        state.until = now + nanos;
        state.consecutive = 0;
        health.eject(endpoint, duration);
        return new EjectionOutcome.Ejected(endpoint, duration, times);
    }

    private static final class State {
        private final String pool;
        private int consecutive;
        private int times;
        private long until;

        State(String pool) {
            this.pool = pool;
        }

        boolean ejected(long now) {
            return times > 0 && now - until < 0;
        }
    }
}
