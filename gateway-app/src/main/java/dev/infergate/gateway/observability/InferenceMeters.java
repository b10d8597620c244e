package dev.infergate.gateway.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.springframework.web.server.ServerWebExchange;

/**
 * The per-request meters: tags only from bounded sets — route ids and pools from the live
 * configuration, endpoints from the registry, outcomes from a fixed list, model names only when
 * the configuration knows them ({@code other} otherwise). Never a path, a user or a key.
 */
public final class InferenceMeters implements RequestRecordListener {

    private final MeterRegistry registry;
    private final KnownModels models;

    public InferenceMeters(MeterRegistry registry, KnownModels models) {
        this.registry = registry;
        this.models = models;
    }

    @Override
    public void onRecord(ServerWebExchange exchange, RequestRecord record) {
        String model = models.tagFor(record.usage().model());
        Tags where = Tags.of("route", record.route(), "destination", record.destination(), "pool", record.pool(),
                "endpoint", record.endpoint());
        Timer.builder("infergate.requests")
                .description("Proxied requests, end to end, by where they went and how they ended")
                .tags(where).tag("outcome", record.outcome()).tag("model", model)
                .publishPercentileHistogram()
                .register(registry)
                .record(record.totalNanos(), TimeUnit.NANOSECONDS);
        if (record.firstByteNanos() >= 0) {
            Timer.builder("infergate.time.to.first.byte")
                    .description("Arrival to the first response byte sent back (time to first token for streams)")
                    .tags(where)
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(record.firstByteNanos(), TimeUnit.NANOSECONDS);
        }
        DistributionSummary.builder("infergate.request.bytes").baseUnit("bytes").tag("route", record.route())
                .register(registry).record(record.requestBytes());
        DistributionSummary.builder("infergate.response.bytes").baseUnit("bytes").tag("route", record.route())
                .register(registry).record(record.responseBytes());
        record.usage().inputTokens().ifPresent(tokens -> tokens(record.route(), model, "input").increment(tokens));
        record.usage().outputTokens().ifPresent(tokens -> tokens(record.route(), model, "output").increment(tokens));
    }

    private Counter tokens(String route, String model, String direction) {
        return Counter.builder("infergate.tokens").description("LLM tokens the upstreams reported in usage")
                .tag("route", route).tag("model", model).tag("direction", direction).register(registry);
    }
}
