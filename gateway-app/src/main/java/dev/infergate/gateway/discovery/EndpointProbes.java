package dev.infergate.gateway.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Active health probes: every interval, each endpoint of every pool gets a {@code GET} of the
 * probe path (KServe's {@code /v2/health/ready} by default); a 2xx within the timeout is up,
 * anything else down. Probing is non-blocking and uses its own small connection pool, so a slow
 * endpoint never holds traffic's connections.
 */
public final class EndpointProbes implements DisposableBean {

    /** The latest probe of one endpoint. */
    public record ProbeResult(boolean up, Instant at, String detail) {
    }

    private final EndpointRegistry registry;
    private final String path;
    private final Duration interval;
    private final Duration timeout;
    private final ConnectionProvider connections = ConnectionProvider.builder("infergate-probes").maxConnections(64).build();
    private final HttpClient client;
    private final Map<String, ProbeResult> results = new ConcurrentHashMap<>();
    private @Nullable Disposable schedule;

    public EndpointProbes(EndpointRegistry registry, String path, Duration interval, Duration timeout) {
        this.registry = registry;
        this.path = path;
        this.interval = interval;
        this.timeout = timeout;
        this.client = HttpClient.create(connections).responseTimeout(timeout);
    }

    public synchronized void start() {
        if (schedule == null) {
            schedule = Flux.interval(Duration.ZERO, interval).onBackpressureDrop()
                    .concatMap(tick -> probeAll(), 1)
                    .subscribe();
        }
    }

    /** Probes every endpoint once; completes when all answered or timed out. */
    public Mono<Void> probeAll() {
        List<Endpoint> endpoints = registry.all().values().stream().flatMap(List::stream).distinct().toList();
        return Flux.fromIterable(endpoints).flatMap(this::probe).then();
    }

    private Mono<Void> probe(Endpoint endpoint) {
        return client.get().uri("http://" + endpoint.address() + path)
                .responseSingle((response, body) -> body.then(Mono.just(response.status().code())))
                .timeout(timeout)
                .map(status -> new ProbeResult(status >= 200 && status < 300, Instant.now(), "HTTP " + status))
                .onErrorResume(error -> Mono.just(new ProbeResult(false, Instant.now(), describe(error))))
                .doOnNext(result -> results.put(endpoint.address(), result))
                .then();
    }

    private static String describe(Throwable error) {
        return error.getMessage() != null ? error.getClass().getSimpleName() + ": " + error.getMessage() : error.getClass().getSimpleName();
    }

    public Optional<ProbeResult> result(Endpoint endpoint) {
        return Optional.ofNullable(results.get(endpoint.address()));
    }

    public String path() {
        return path;
    }

    @Override
    public synchronized void destroy() {
        if (schedule != null) {
            schedule.dispose();
        }
        connections.dispose();
    }
}
