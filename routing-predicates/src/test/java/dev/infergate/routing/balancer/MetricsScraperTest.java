package dev.infergate.routing.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.infergate.routing.core.balance.BackendLoad;
import dev.infergate.routing.core.balance.BackendSignal;
import dev.infergate.routing.core.balance.LoadSignals;
import dev.infergate.routing.core.balance.PrometheusLoadNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

final class MetricsScraperTest {

    private static final String VLLM_PAGE = resource("/dev/infergate/routing/core/balance/vllm-metrics.txt");

    /** What the server answers at {@code /metrics}, switchable per test. */
    private static final AtomicReference<String> PAGE = new AtomicReference<>(VLLM_PAGE);
    private static DisposableServer server;

    private final LoadSignals signals = LoadSignals.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger scraperLog = (Logger) LoggerFactory.getLogger(MetricsScraper.class);

    @BeforeAll
    static void startServer() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/metrics", (request, response) -> response.header("Content-Type", "text/plain; version=0.0.4")
                                .sendString(Mono.fromSupplier(PAGE::get)))
                        .get("/hang", (request, response) -> Mono.never())
                        .get("/unavailable", (request, response) -> response.status(503).sendString(Mono.just("loading model"))))
                .bindNow();
    }

    @AfterAll
    static void stopServer() {
        server.disposeNow();
    }

    @BeforeEach
    void captureLogs() {
        PAGE.set(VLLM_PAGE);
        logs.start();
        scraperLog.addAppender(logs);
        scraperLog.setLevel(Level.INFO);
        scraperLog.setAdditive(false);
    }

    @AfterEach
    void releaseLogs() {
        scraperLog.detachAppender(logs);
        scraperLog.setLevel(null);
        scraperLog.setAdditive(true);
    }

    @Test
    void aVllmPageBecomesTheEndpointsScrapedLoad() {
        List<ScrapeOutcome> outcomes = scraper("/metrics").scrapeOnce().block();

        assertThat(outcomes).containsExactly(new ScrapeOutcome.Scraped(endpoint(), BackendLoad.of(3, 12, 0.3125)));
        assertThat(signals.snapshot(endpoint()).backend()).map(BackendSignal::source).hasValue(BackendSignal.Source.SCRAPE);
        assertThat(failures()).isZero();
        assertThat(logs.list).isEmpty();
    }

    @Test
    void garbageFallsBackToLocalSignalsCountsEveryFailureAndWarnsOncePerEpisode() {
        MetricsScraper scraper = scraper("/metrics");
        scraper.scrapeOnce().block();
        PAGE.set("<html><body>upstream connect error</body></html>");

        List<ScrapeOutcome> outcomes = scraper.scrapeOnce().block();
        scraper.scrapeOnce().block();

        assertThat(outcomes).containsExactly(new ScrapeOutcome.Failed(endpoint(), "no load metric found (expected one of: "
                + "vllm:num_requests_waiting, vllm:num_requests_running, vllm:kv_cache_usage_perc, vllm:gpu_cache_usage_perc)"));
        assertThat(signals.snapshot(endpoint()).backend()).isEmpty();
        assertThat(failures()).isEqualTo(2);
        assertThat(logs.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).isEqualTo("Load metrics of endpoint " + endpoint() + " (pool chat) unavailable: "
                    + "no load metric found (expected one of: vllm:num_requests_waiting, vllm:num_requests_running, "
                    + "vllm:kv_cache_usage_perc, vllm:gpu_cache_usage_perc); balancing it on local signals until a scrape succeeds");
        });

        PAGE.set(VLLM_PAGE);
        scraper.scrapeOnce().block();
        PAGE.set("vllm:num_requests_waiting{model_name=\"m\"} many\n");
        scraper.scrapeOnce().block();

        assertThat(logs.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO, Level.WARN);
        assertThat(failures()).isEqualTo(3);
    }

    @Test
    void aHangingEndpointTimesOutAndFallsBackToLocalSignals() {
        MetricsScraper scraper = new MetricsScraper(MetricsScraper.defaultClient(), signals, () -> List.of(target()),
                new ScrapeSettings(Duration.ofSeconds(1), Duration.ofMillis(200), "/hang", 1 << 20, PrometheusLoadNames.vllm()), meters);
        signals.recordScrape(endpoint(), BackendLoad.of(0, 0, 0));

        List<ScrapeOutcome> outcomes = scraper.scrapeOnce().block(Duration.ofSeconds(5));

        assertThat(outcomes).containsExactly(new ScrapeOutcome.Failed(endpoint(), "no answer within 200 ms"));
        assertThat(signals.snapshot(endpoint()).backend()).isEmpty();
        assertThat(failures()).isEqualTo(1);
    }

    @Test
    void aStatusOtherThan200OrAnOversizedPageFails() {
        assertThat(scraper("/unavailable").scrapeOnce().block())
                .containsExactly(new ScrapeOutcome.Failed(endpoint(), "status 503"));

        MetricsScraper small = new MetricsScraper(MetricsScraper.defaultClient(), signals, () -> List.of(target()),
                new ScrapeSettings(Duration.ofSeconds(1), Duration.ofMillis(500), "/metrics", 100, PrometheusLoadNames.vllm()), meters);
        assertThat(small.scrapeOnce().block()).containsExactly(new ScrapeOutcome.Failed(endpoint(), "metrics page over 100 bytes"));
        assertThat(failures()).isEqualTo(2);
    }

    @Test
    void anEndpointInTwoPoolsIsScrapedOnceAndCountedForEach() {
        MetricsScraper scraper = new MetricsScraper(MetricsScraper.defaultClient(), signals,
                () -> List.of(target(), new ScrapeTarget("embeddings", "127.0.0.1", server.port())), settings("/unavailable"), meters);

        assertThat(scraper.scrapeOnce().block()).hasSize(1);
        assertThat(meters.get(MetricsScraper.FAILURES_METER).tag("pool", "embeddings").counter().count()).isEqualTo(1);
        assertThat(failures()).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionFailsWithoutAMeterRegistry() {
        MetricsScraper scraper = new MetricsScraper(MetricsScraper.defaultClient(), signals,
                () -> List.of(new ScrapeTarget("chat", "127.0.0.1", 1)), settings("/metrics"), null);

        assertThat(scraper.scrapeOnce().block()).singleElement().isInstanceOf(ScrapeOutcome.Failed.class);
    }

    @Test
    void startedScrapingRepeatsEveryIntervalUntilDisposed() {
        MetricsScraper scraper = new MetricsScraper(MetricsScraper.defaultClient(), signals, () -> List.of(target()),
                new ScrapeSettings(Duration.ofMillis(50), Duration.ofMillis(50), "/unavailable", 1 << 20, PrometheusLoadNames.vllm()), meters);

        Disposable running = scraper.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> failures() >= 3);
        } finally {
            running.dispose();
        }
        assertThat(logs.list).hasSize(1);
    }

    private MetricsScraper scraper(String path) {
        return new MetricsScraper(MetricsScraper.defaultClient(), signals, () -> List.of(target()), settings(path), meters);
    }

    private static ScrapeSettings settings(String path) {
        return new ScrapeSettings(Duration.ofSeconds(1), Duration.ofMillis(500), path, 1 << 20, PrometheusLoadNames.vllm());
    }

    private static ScrapeTarget target() {
        return new ScrapeTarget("chat", "127.0.0.1", server.port());
    }

    private static String endpoint() {
        return "127.0.0.1:" + server.port();
    }

    private double failures() {
        return meters.find(MetricsScraper.FAILURES_METER).tag("pool", "chat").tag("endpoint", endpoint()).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private static String resource(String name) {
        try (InputStream in = MetricsScraperTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
