package dev.infergate.routing.balancer;

import dev.infergate.routing.core.balance.FailureEpisodes;
import dev.infergate.routing.core.balance.LoadParseResult;
import dev.infergate.routing.core.balance.LoadSignals;
import dev.infergate.routing.core.balance.PrometheusLoadParser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Polls every endpoint's Prometheus metrics ({@code GET http://host:port/metrics} by default) on an
 * interval and feeds the load it reads to the {@link LoadSignals}.
 *
 * <p>Each round reads the targets from their supplier (so endpoints follow the live pools), scrapes
 * every distinct endpoint once, concurrently, each within the timeout, and parses the page with
 * {@link PrometheusLoadParser}. Rounds never overlap: a tick that comes while a round runs is
 * dropped.
 *
 * <p><b>Failure is fail-open to local signals.</b> A scrape that fails (connection error, timeout,
 * status other than 200, a page over the size limit, or no valid load metrics) drops the endpoint's
 * previous scrape at once, so strategies balance it on what the gateway measures itself (in-flight
 * requests, latency, errors) and on load reports, until a scrape succeeds again. Requests are
 * never refused because metrics are missing. Each failed scrape increments the counter
 * {@value #FAILURES_METER} (tags {@code pool}, {@code endpoint}); a WARN is logged when an
 * endpoint's failures begin and an INFO when they end, once per episode however long it lasts.
 */
public final class MetricsScraper {

    /** Counter of failed scrapes, tagged {@code pool} and {@code endpoint}. */
    public static final String FAILURES_METER = "infergate.balancer.scrape.failures";

    private static final Logger log = LoggerFactory.getLogger(MetricsScraper.class);

    private final HttpClient client;
    private final LoadSignals signals;
    private final Supplier<? extends Collection<ScrapeTarget>> targets;
    private final ScrapeSettings settings;
    private final PrometheusLoadParser parser;
    private final MeterRegistry meters;
    private final FailureEpisodes episodes = new FailureEpisodes();

    /**
     * @param client the HTTP client; {@link #defaultClient()} has its own connection pool
     * @param signals where scraped load goes
     * @param targets the endpoints to scrape, read at every round
     * @param settings interval, timeout, path, size limit and metric names
     * @param meters where the failure counter is registered; {@code null} for none
     */
    public MetricsScraper(HttpClient client, LoadSignals signals, Supplier<? extends Collection<ScrapeTarget>> targets,
            ScrapeSettings settings, @Nullable MeterRegistry meters) {
        this.client = client;
        this.signals = signals;
        this.targets = targets;
        this.settings = settings;
        this.parser = new PrometheusLoadParser(settings.names());
        // a composite without registries hands out no-op meters
        this.meters = meters != null ? meters : new CompositeMeterRegistry();
    }

    /** A client on its own small connection pool, so scrapes never wait behind proxied traffic. */
    public static HttpClient defaultClient() {
        return HttpClient.create(ConnectionProvider.builder("infergate-scrape")
                .maxConnections(64)
                .pendingAcquireMaxCount(256)
                .maxIdleTime(Duration.ofSeconds(30))
                .build());
    }

    /** Scrapes on {@link Schedulers#parallel()} until the returned handle is disposed. */
    public Disposable start() {
        return start(Schedulers.parallel());
    }

    /** Scrapes at once and then every interval on {@code scheduler}, until the returned handle is disposed. */
    public Disposable start(Scheduler scheduler) {
        return Flux.interval(Duration.ZERO, settings.interval(), scheduler)
                .onBackpressureDrop()
                .concatMap(tick -> Mono.defer(this::scrapeOnce).onErrorResume(error -> {
                    log.warn("Metrics scrape round failed: {}", error.toString());
                    return Mono.empty();
                }), 0)
                .subscribe();
    }

    /** One round: every target's endpoint once. */
    public Mono<List<ScrapeOutcome>> scrapeOnce() {
        Map<String, List<ScrapeTarget>> byEndpoint = new LinkedHashMap<>();
        for (ScrapeTarget target : targets.get()) {
            byEndpoint.computeIfAbsent(target.endpoint(), endpoint -> new ArrayList<>()).add(target);
        }
        return Flux.fromIterable(byEndpoint.values()).flatMap(this::scrape).collectList();
    }

    private Mono<ScrapeOutcome> scrape(List<ScrapeTarget> pools) {
        ScrapeTarget target = pools.get(0);
        String endpoint = target.endpoint();
        String host = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
        return client.get()
                .uri("http://" + host + ":" + target.port() + settings.path())
                .response((response, body) -> response.status().code() == 200
                        ? read(body)
                        : Mono.error(new ScrapeFailure("status " + response.status().code())))
                .next()
                .timeout(settings.timeout())
                .map(page -> parsed(endpoint, pools, parser.parse(page)))
                .onErrorResume(error -> Mono.just(failed(endpoint, pools, reason(error))));
    }

    private Mono<String> read(ByteBufFlux body) {
        int max = settings.maxBodyBytes();
        return body.asByteArray()
                .reduceWith(ByteArrayOutputStream::new, (page, bytes) -> {
                    if (page.size() + bytes.length > max) {
                        throw new ScrapeFailure("metrics page over " + max + " bytes");
                    }
                    page.writeBytes(bytes);
                    return page;
                })
                .map(page -> page.toString(StandardCharsets.UTF_8));
    }

    private ScrapeOutcome parsed(String endpoint, List<ScrapeTarget> pools, LoadParseResult result) {
        if (result instanceof LoadParseResult.Parsed parsed) {
            signals.recordScrape(endpoint, parsed.load());
            if (episodes.succeeded(endpoint) == FailureEpisodes.Transition.ENDED) {
                log.info("Load metrics of endpoint {} are readable again; balancing on them", endpoint);
            }
            return new ScrapeOutcome.Scraped(endpoint, parsed.load());
        }
        return failed(endpoint, pools, ((LoadParseResult.Unusable) result).reason());
    }

    private ScrapeOutcome failed(String endpoint, List<ScrapeTarget> pools, String reason) {
        signals.recordScrapeFailure(endpoint);
        List<String> poolNames = new ArrayList<>();
        for (ScrapeTarget target : pools) {
            poolNames.add(target.pool());
            Counter.builder(FAILURES_METER)
                    .description("Failed scrapes of an endpoint's load metrics")
                    .tag("pool", target.pool())
                    .tag("endpoint", endpoint)
                    .register(meters)
                    .increment();
        }
        if (episodes.failed(endpoint) == FailureEpisodes.Transition.STARTED) {
            log.warn("Load metrics of endpoint {} (pool {}) unavailable: {}; balancing it on local signals until a scrape succeeds",
                    endpoint, String.join(", ", poolNames), reason);
        }
        return new ScrapeOutcome.Failed(endpoint, reason);
    }

    private String reason(Throwable error) {
        if (error instanceof TimeoutException) {
            return "no answer within " + settings.timeout().toMillis() + " ms";
        }
        if (error instanceof ScrapeFailure failure) {
            return failure.getMessage();
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    /** An expected failure; its stack trace would say nothing. */
    private static final class ScrapeFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ScrapeFailure(String message) {
            super(message, null, false, false);
        }
    }
}
