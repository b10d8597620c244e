package dev.infergate.routing.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.infergate.routing.body.BodyLimits;
import dev.infergate.routing.testing.Bodies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;

final class MirrorGatewayFilterFactoryTest {

    private static final BodyLimits LIMITS = new BodyLimits(DataSize.ofMegabytes(1));
    private static final String BODY = "{\"model\":\"llama-3\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConnectionProvider connections = ConnectionProvider.newConnection();
    private final HttpClient client = HttpClient.create(connections);
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final Queue<ShadowRequest> received = new ConcurrentLinkedQueue<>();
    private DisposableServer shadow;

    private record ShadowRequest(String uri, HttpHeaders headers, byte[] body) {
    }

    @AfterEach
    void stopTheShadow() {
        if (shadow != null) {
            shadow.disposeNow();
        }
        connections.disposeLater().block(Duration.ofSeconds(5));
    }

    @Test
    void primariesCompleteWhileTheShadowHangsAndShadowsInFlightNeverExceedTheBound() {
        shadow = hangingShadow();
        GatewayFilter mirror = factory(MirrorGatewayFilterFactory.DIRECT, 0.0)
                .apply(config("http://127.0.0.1:" + shadow.port(), 4).setTimeout(Duration.ofSeconds(1)));
        AtomicInteger primaries = new AtomicInteger();

        for (int i = 0; i < 20; i++) {
            MockServerWebExchange exchange = post("/v1/chat/completions");
            StepVerifier.create(mirror.filter(exchange, primary(primaries))).expectComplete().verify(Duration.ofSeconds(2));
            ServerWebExchangeUtils.clearCachedRequestBody(exchange);
        }

        assertThat(primaries).hasValue(20);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(arrived).hasValue(4));
        assertThat(meters.get(MirrorMeters.DROPPED).tag("route", "llama").tag("reason", "in-flight").counter().count()).isEqualTo(16);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(requests("outcome", "timeout", "status", "none"))
                .isEqualTo(4));
        assertThat(meters.get(MirrorMeters.LATENCY).tags("route", "llama", "outcome", "timeout").timer().count()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(open).hasValue(0));

        MockServerWebExchange later = post("/v1/chat/completions");
        StepVerifier.create(mirror.filter(later, primary(primaries))).expectComplete().verify(Duration.ofSeconds(2));
        ServerWebExchangeUtils.clearCachedRequestBody(later);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(arrived).as("a freed slot is used again").hasValue(5));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(open).hasValue(0));
        assertThat(mostOpen.get()).as("shadow requests open at the shadow at once").isLessThanOrEqualTo(4);
    }

    @Test
    void aShadowGetsTheSameRequestThroughTheResolverAndItsAnswerIsMeasuredAndDiscarded() {
        shadow = answeringShadow();
        Function<URI, Mono<URI>> pools = uri -> uri.getHost().equals("shadow-pool")
                ? Mono.just(URI.create("http://127.0.0.1:" + shadow.port())) : Mono.empty();
        GatewayFilter mirror = factory(pools, 0.0).apply(config("lb://shadow-pool", 16));
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions?trace=1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer k").header(HttpHeaders.CONNECTION, "keep-alive")
                .contentLength(Bodies.bytes(BODY).length).body(Bodies.chunked(BODY, 7)));
        AtomicInteger primaries = new AtomicInteger();

        StepVerifier.create(mirror.filter(exchange, primary(primaries))).expectComplete().verify(Duration.ofSeconds(2));
        ServerWebExchangeUtils.clearCachedRequestBody(exchange);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(requests("outcome", "success", "status", "201"))
                .isEqualTo(1));
        ShadowRequest copy = received.poll();
        assertThat(copy.uri()).isEqualTo("/v1/chat/completions?trace=1");
        assertThat(copy.body()).isEqualTo(Bodies.bytes(BODY));
        assertThat(copy.headers().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer k");
        assertThat(copy.headers().getFirst(ShadowTraffic.SHADOW_HEADER)).isEqualTo("true");
        assertThat(copy.headers().getContentLength()).isEqualTo(Bodies.bytes(BODY).length);
        assertThat(meters.get(MirrorMeters.LATENCY).tags("route", "llama", "outcome", "success").timer().count()).isEqualTo(1);
        assertThat(primaries).hasValue(1);
    }

    @Test
    void onlyTheConfiguredShareOfRequestsIsCopied() {
        shadow = answeringShadow();
        MirrorGatewayFilterFactory sampledAt = factory(MirrorGatewayFilterFactory.DIRECT, 0.25);
        GatewayFilter tenPercent = sampledAt.apply(config("http://127.0.0.1:" + shadow.port(), 16).setPercent(10));
        GatewayFilter thirtyPercent = sampledAt.apply(config("http://127.0.0.1:" + shadow.port(), 16).setPercent(30));

        MockServerWebExchange notCopied = post("/v1/completions");
        StepVerifier.create(tenPercent.filter(notCopied, primary(new AtomicInteger()))).verifyComplete();
        MockServerWebExchange copied = post("/v1/completions");
        StepVerifier.create(thirtyPercent.filter(copied, primary(new AtomicInteger()))).verifyComplete();
        ServerWebExchangeUtils.clearCachedRequestBody(copied);

        assertThat(notCopied.getAttributes()).as("a request that is not copied is not cached either")
                .doesNotContainKey(ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(arrived).hasValue(1));
    }

    @Test
    void aShadowWithoutAnEndpointEndsUnresolvedAndThePrimaryIsUntouched() {
        GatewayFilter mirror = factory(MirrorGatewayFilterFactory.DIRECT, 0.0).apply(config("lb://nowhere", 16));
        MockServerWebExchange exchange = post("/v1/completions");
        AtomicInteger primaries = new AtomicInteger();

        StepVerifier.create(mirror.filter(exchange, primary(primaries))).verifyComplete();
        ServerWebExchangeUtils.clearCachedRequestBody(exchange);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(requests("outcome", "unresolved", "status", "none"))
                .isEqualTo(1));
        assertThat(primaries).hasValue(1);
    }

    @Test
    void theShortFormIsUriPercentAndMaxInFlight() {
        MirrorGatewayFilterFactory factory = factory(MirrorGatewayFilterFactory.DIRECT, 0.0);

        assertThat(factory.shortcutFieldOrder()).containsExactly("uri", "percent", "maxInFlight");
        assertThat(factory.name()).isEqualTo("Mirror");
    }

    @Test
    void anInvalidConfigurationIsRejectedWithTheExpectedValue() {
        assertThatThrownBy(() -> new MirrorGatewayFilterFactory.Config().toSpec())
                .hasMessage("uri: missing (expected: lb://pool, http://host:port or https://host:port)");
        assertThatThrownBy(() -> config("lb://shadow", 16).setPercent(120).toSpec())
                .hasMessage("percent: 120.0 (expected: 0 to 100)");
        assertThatThrownBy(() -> config("lb://shadow", 0).toSpec()).hasMessage("maxInFlight: 0 (expected: >= 1)");
        assertThatThrownBy(() -> config("lb://shadow/v1", 1).toSpec())
                .hasMessage("uri: \"lb://shadow/v1\" (expected: lb://pool, http://host:port or https://host:port, without path or query)");
        assertThatThrownBy(() -> config("lb://shadow", 1).setTimeout(Duration.ZERO).toSpec()).hasMessage("timeout: PT0S (expected: > 0)");
    }

    /** Shadow requests of route llama counted with these tags so far. */
    private double requests(String... tags) {
        Counter counter = meters.find(MirrorMeters.REQUESTS).tag("route", "llama").tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private MirrorGatewayFilterFactory factory(Function<URI, Mono<URI>> resolver, double draw) {
        return new MirrorGatewayFilterFactory(LIMITS, client, resolver, meters, () -> TrafficSplitFilterTest.fixed(draw));
    }

    private static MirrorGatewayFilterFactory.Config config(String uri, int maxInFlight) {
        MirrorGatewayFilterFactory.Config config = new MirrorGatewayFilterFactory.Config().setUri(uri).setMaxInFlight(maxInFlight);
        config.setRouteId("llama");
        return config;
    }

    /** The primary upstream: reads the body it is given, which must be the client's, and answers at once. */
    private static GatewayFilterChain primary(AtomicInteger primaries) {
        return exchange -> Mono.fromCallable(() -> Bodies.read(exchange.getRequest().getBody()))
                .doOnNext(body -> assertThat(body).isEqualTo(Bodies.bytes(BODY)))
                .doOnNext(body -> primaries.incrementAndGet())
                .then(exchange.getResponse().setComplete());
    }

    private static MockServerWebExchange post(String path) {
        return MockServerWebExchange.from(MockServerHttpRequest.post(path).contentLength(Bodies.bytes(BODY).length)
                .body(Bodies.chunked(BODY, 16)));
    }

    private DisposableServer hangingShadow() {
        return HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> {
                    arrived.incrementAndGet();
                    mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                    return request.receive().aggregate().asByteArray()
                            .then(Mono.<Void>never())
                            .doFinally(signal -> open.decrementAndGet());
                })
                .bindNow();
    }

    private DisposableServer answeringShadow() {
        return HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> {
                    arrived.incrementAndGet();
                    HttpHeaders headers = new HttpHeaders();
                    request.requestHeaders().forEach(header -> headers.add(header.getKey(), header.getValue()));
                    return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
                            .doOnNext(body -> received.add(new ShadowRequest(request.uri(), headers, body)))
                            .then(response.status(201).sendString(Mono.just("{\"ignored\":true}")).then());
                })
                .bindNow();
    }
}
