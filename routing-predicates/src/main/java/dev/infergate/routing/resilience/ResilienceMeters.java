package dev.infergate.routing.resilience;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The resilience meters. Tags are bounded: route ids and pool names come from the configuration,
 * endpoints are pool members, outcomes are fixed words.
 *
 * <ul>
 * <li>{@value #RETRIES} {@code {route, outcome}}: one per failed attempt that was retried
 *     ({@code retried}) or returned for a reason ({@code budget-exhausted}, {@code attempts-exhausted},
 *     {@code retry-after-too-long}, {@code body-not-replayable})</li>
 * <li>{@value #ATTEMPTS} {@code {route, endpoint, outcome}}: every upstream attempt, {@code success}
 *     or {@code failure}</li>
 * <li>{@value #EJECTIONS} {@code {pool, endpoint, outcome}}: {@code ejected}, or {@code capped} when
 *     the pool's max-ejected share refused it</li>
 * <li>{@value #HEDGES} {@code {route, outcome}}: hedges {@code sent}, {@code won}, or not sent
 *     ({@code budget-exhausted})</li>
 * </ul>
 */
public final class ResilienceMeters {

    public static final String RETRIES = "infergate.retry.decisions";
    public static final String ATTEMPTS = "infergate.retry.upstream.attempts";
    public static final String EJECTIONS = "infergate.ejection.events";
    public static final String HEDGES = "infergate.hedge.events";

    private final MeterRegistry registry;

    public ResilienceMeters(@Nullable MeterRegistry registry) {
        this.registry = registry == null ? new SimpleMeterRegistry() : registry;
    }

    void retry(String route, String outcome) {
        Counter.builder(RETRIES).tag("route", route).tag("outcome", outcome)
                .description("Failed upstream attempts, by what the retry filter did with them").register(registry).increment();
    }

    void attempt(String route, String endpoint, boolean success) {
        Counter.builder(ATTEMPTS).tag("route", route).tag("endpoint", endpoint).tag("outcome", success ? "success" : "failure")
                .description("Upstream attempts, retries included").register(registry).increment();
    }

    void hedge(String route, String outcome) {
        Counter.builder(HEDGES).tag("route", route).tag("outcome", outcome)
                .description("Hedged attempts, by outcome").register(registry).increment();
    }

    void ejection(String pool, String endpoint, String outcome) {
        Counter.builder(EJECTIONS).tag("pool", pool).tag("endpoint", endpoint).tag("outcome", outcome)
                .description("Outlier ejections, and ejections refused by the pool's max-ejected share").register(registry).increment();
    }
}
