package dev.infergate.routing.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code infergate.ratelimit.*} meters. Tags are bounded: configured limit names, stores,
 * fixed outcome and reason words. Never a tenant, a key or a path.
 *
 * <ul>
 *   <li>{@code infergate.ratelimit.decisions} (limit, outcome: {@code allowed}, {@code limited},
 *       {@code fallback-allowed}, {@code fallback-limited}, {@code unavailable})</li>
 *   <li>{@code infergate.ratelimit.store.failures} (store, reason: {@code timeout}, {@code rejected},
 *       {@code connection}, {@code full}, {@code error})</li>
 *   <li>{@code infergate.ratelimit.identity} (outcome: {@code identified}, {@code missing}, {@code unknown})</li>
 *   <li>{@code infergate.ratelimit.tokens.reconciled} (limit, direction: {@code charge}, {@code refund}): tokens moved</li>
 * </ul>
 */
public final class AdmissionMeters {

    private final MeterRegistry registry;

    public AdmissionMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void decision(String limit, String outcome) {
        Counter.builder("infergate.ratelimit.decisions").tag("limit", limit).tag("outcome", outcome)
                .register(registry).increment();
    }

    void storeFailure(String store, String reason) {
        Counter.builder("infergate.ratelimit.store.failures").tag("store", store).tag("reason", reason)
                .register(registry).increment();
    }

    void identity(String outcome) {
        Counter.builder("infergate.ratelimit.identity").tag("outcome", outcome).register(registry).increment();
    }

    void reconciled(String limit, long difference) {
        if (difference != 0) {
            Counter.builder("infergate.ratelimit.tokens.reconciled").tag("limit", limit)
                    .tag("direction", difference > 0 ? "charge" : "refund").register(registry).increment(Math.abs(difference));
        }
    }
}
