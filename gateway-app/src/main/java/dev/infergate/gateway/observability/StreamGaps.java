package dev.infergate.gateway.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/** {@code infergate.stream.event.gap}: the time between two chunks of a streamed response, per route. */
public final class StreamGaps {

    private final MeterRegistry registry;

    public StreamGaps(MeterRegistry registry) {
        this.registry = registry;
    }

    LongConsumer recorder(String route) {
        Timer timer = Timer.builder("infergate.stream.event.gap")
                .description("Time between two chunks of a streamed response leaving the gateway")
                .tag("route", route)
                .publishPercentileHistogram()
                .register(registry);
        return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
    }
}
