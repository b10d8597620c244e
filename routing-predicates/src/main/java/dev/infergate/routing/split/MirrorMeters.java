package dev.infergate.routing.split;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one route's mirror, tagged with the route:
 * {@value #REQUESTS} (counter; tags {@code outcome}, {@code status}), {@value #LATENCY} (timer;
 * tag {@code outcome}) and {@value #DROPPED} (counter; tag {@code reason}: {@code in-flight} when
 * the bound is reached, {@code body} when the body could not be copied within the cache cap).
 * Without a registry nothing is recorded.
 */
final class MirrorMeters {

    static final String REQUESTS = "infergate.mirror.requests";
    static final String LATENCY = "infergate.mirror.latency";
    static final String DROPPED = "infergate.mirror.dropped";

    private final @Nullable MeterRegistry registry;
    private final String routeId;

    MirrorMeters(@Nullable MeterRegistry registry, String routeId) {
        this.registry = registry;
        this.routeId = routeId;
    }

    void dropped(String reason) {
        if (registry != null) {
            Counter.builder(DROPPED).description("Shadow copies not sent").tag("route", routeId).tag("reason", reason)
                    .register(registry).increment();
        }
    }

    void completed(ShadowOutcome outcome, long nanos) {
        if (registry != null) {
            Counter.builder(REQUESTS).description("Shadow requests by how they ended").tag("route", routeId)
                    .tag("outcome", outcome.outcome()).tag("status", outcome.status()).register(registry).increment();
            Timer.builder(LATENCY).description("Shadow request latency").tag("route", routeId)
                    .tag("outcome", outcome.outcome()).register(registry).record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
