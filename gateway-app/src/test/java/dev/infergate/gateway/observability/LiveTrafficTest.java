package dev.infergate.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class LiveTrafficTest {

    private final MockClock clock = new MockClock();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
    private final LiveTraffic traffic = new LiveTraffic(registry, Duration.ofSeconds(10));

    @Test
    void ratesSharesErrorsAndP99CoverOnlyTheWindow() {
        record("chat", "stable", "2xx", 5, 100);
        traffic.sample();
        clock.add(Duration.ofSeconds(2));
        record("chat", "stable", "2xx", 10, 60);
        record("chat", "canary", "2xx", 35, 30);
        record("chat", "canary", "5xx", 5, 10);

        LiveTraffic.RouteTraffic chat = traffic.sample().get("chat");

        assertThat(chat.requestsPerSecond()).isCloseTo(25, within(1e-9));
        assertThat(chat.errorRate()).isCloseTo(0.1, within(1e-9));
        assertThat(chat.p99Millis()).as("the 100 ms requests before the window do not count").isBetween(60.0, 75.0);
        Map<String, LiveTraffic.Traffic> destinations = chat.destinations();
        assertThat(destinations.get("stable").share()).isCloseTo(0.2, within(1e-9));
        assertThat(destinations.get("canary").share()).isCloseTo(0.8, within(1e-9));
        assertThat(destinations.get("canary").errorRate()).isCloseTo(0.125, within(1e-9));
    }

    @Test
    void aRouteWithoutTrafficInTheWindowHasNoRatesButStaysListed() {
        record("chat", "none", "2xx", 5, 10);
        traffic.sample();
        clock.add(Duration.ofSeconds(11));
        traffic.sample();
        clock.add(Duration.ofSeconds(1));

        LiveTraffic.RouteTraffic chat = traffic.sample().get("chat");

        assertThat(chat.requestsPerSecond()).isZero();
        assertThat(chat.p99Millis()).isNull();
        assertThat(chat.errorRate()).isNull();
        assertThat(chat.destinations()).isEmpty();
    }

    @Test
    void clientErrorsAndRequestsWithoutARouteAreNoFailures() {
        traffic.sample();
        clock.add(Duration.ofSeconds(1));
        record("chat", "none", "4xx", 3, 10);
        record("chat", "none", "cancelled", 1, 10);
        record("none", "none", "no-route", 7, 1);

        Map<String, LiveTraffic.RouteTraffic> routes = traffic.sample();

        assertThat(routes).containsOnlyKeys("chat");
        assertThat(routes.get("chat").errorRate()).isZero();
    }

    private void record(String route, String destination, String outcome, int count, long millis) {
        Timer timer = Timer.builder(LiveTraffic.METER).tags("route", route, "destination", destination, "pool", "p",
                "endpoint", "e", "outcome", outcome, "model", "none").publishPercentileHistogram().register(registry);
        for (int i = 0; i < count; i++) {
            timer.record(millis, TimeUnit.MILLISECONDS);
        }
    }
}
