package dev.infergate.routing.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infergate.routing.core.balance.BackendLoad;
import dev.infergate.routing.core.balance.BackendSignal;
import dev.infergate.routing.core.balance.BalancingStrategy;
import dev.infergate.routing.core.balance.EndpointHealth;
import dev.infergate.routing.core.balance.LoadSignals;
import dev.infergate.routing.core.balance.LocalLoad;
import dev.infergate.routing.core.balance.NanoClock;
import dev.infergate.routing.core.balance.SignalSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

final class LoadSignalFilterTest {

    private static final String ENDPOINT = "10.0.0.1:8000";

    private final AtomicLong now = new AtomicLong();
    private final NanoClock clock = now::get;
    private final LoadSignals signals = new LoadSignals(SignalSettings.defaults(), clock);
    private final LoadSignalFilter filter = new LoadSignalFilter(signals);
    private final EndpointPicker picker = new EndpointPicker("chat",
            ServiceInstanceListSuppliers.from("chat", new DefaultServiceInstance("a", "chat", "10.0.0.1", 8000, false)),
            BalancingStrategy::roundRobin, signals, EndpointHealth.inMemory(clock));

    @Test
    void aStreamCountsInFlightUntilItEndsAndItsFirstByteIsMarkedAsItPasses() {
        Sinks.Many<DataBuffer> upstream = Sinks.many().unicast().onBackpressureBuffer();
        AtomicReference<String> formatAsked = new AtomicReference<>();
        ServerWebExchange exchange = exchange("lb://chat");

        Mono<Void> response = filter.filter(exchange, routed(HttpStatus.OK, Map.of(), routedExchange -> {
            formatAsked.set(routedExchange.getRequest().getHeaders().getFirst("endpoint-load-metrics-format"));
            return routedExchange.getResponse().writeAndFlushWith(upstream.asFlux().map(Flux::just));
        }));

        StepVerifier.create(response)
                .then(() -> {
                    assertThat(signals.snapshot(ENDPOINT).local().inFlight()).isEqualTo(1);
                    now.addAndGet(Duration.ofMillis(40).toNanos());
                    upstream.tryEmitNext(chunk("data: {\"token\":1}\n\n"));
                })
                .then(() -> {
                    // the first byte is recorded while the stream is still open: nothing is buffered
                    assertThat(signals.snapshot(ENDPOINT).local().firstByteMillis()).hasValue(40);
                    assertThat(signals.snapshot(ENDPOINT).local().inFlight()).isEqualTo(1);
                    now.addAndGet(Duration.ofMillis(60).toNanos());
                    upstream.tryEmitNext(chunk("data: [DONE]\n\n"));
                    upstream.tryEmitComplete();
                })
                .verifyComplete();

        assertThat(formatAsked).hasValue("TEXT");
        LocalLoad local = signals.snapshot(ENDPOINT).local();
        assertThat(local.inFlight()).isZero();
        assertThat(local.latencyMillis()).hasValue(100);
        assertThat(local.errorRate()).isZero();
    }

    @Test
    void theLoadReportOfTheResponseBecomesTheEndpointsBackendSignal() {
        Map<String, String> headers = Map.of("endpoint-load-metrics",
                "TEXT cpu_utilization=0.375, named_metrics.queue=3, named_metrics.running=12, named_metrics.kv_cache=0.3125");

        filter.filter(exchange("lb://chat"), routed(HttpStatus.OK, headers, body("{}"))).block();

        assertThat(signals.snapshot(ENDPOINT).backend())
                .hasValue(new BackendSignal(BackendLoad.of(3, 12, 0.3125), BackendSignal.Source.REPORT, Duration.ZERO));
    }

    @Test
    void aGarbageLoadReportIsIgnored() {
        filter.filter(exchange("lb://chat"), routed(HttpStatus.OK, Map.of("endpoint-load-metrics", "TEXT queue=lots"), body("{}"))).block();

        assertThat(signals.snapshot(ENDPOINT).backend()).isEmpty();
        assertThat(signals.snapshot(ENDPOINT).local().inFlight()).isZero();
    }

    @Test
    void aServerErrorOrOverloadCountsAsAFailureWithoutLatency() {
        filter.filter(exchange("lb://chat"), routed(HttpStatus.SERVICE_UNAVAILABLE, Map.of(), body("busy"))).block();
        filter.filter(exchange("lb://chat"), routed(HttpStatus.TOO_MANY_REQUESTS, Map.of(), body("slow down"))).block();

        LocalLoad local = signals.snapshot(ENDPOINT).local();
        assertThat(local.errorRate()).isEqualTo(1.0);
        assertThat(local.latencyMillis()).isEmpty();
        assertThat(local.firstByteMillis()).isEmpty();
        assertThat(local.inFlight()).isZero();
    }

    @Test
    void anUpstreamErrorIsAFailureAndAClientsFaultTeachesNothing() {
        StepVerifier.create(filter.filter(exchange("lb://chat"), routed(HttpStatus.OK, Map.of(),
                routedExchange -> Mono.error(new IllegalStateException("connection reset")))))
                .verifyError(IllegalStateException.class);
        assertThat(signals.snapshot(ENDPOINT).local().errorRate()).isEqualTo(1.0);

        StepVerifier.create(filter.filter(exchange("lb://chat"), routed(HttpStatus.OK, Map.of(),
                routedExchange -> Mono.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE)))))
                .verifyError(ResponseStatusException.class);
        assertThat(signals.snapshot(ENDPOINT).local().errorRate()).isEqualTo(1.0);
        assertThat(signals.snapshot(ENDPOINT).local().inFlight()).isZero();
    }

    @Test
    void aClientThatGoesAwayLeavesTheInFlightCountWithoutALesson() {
        StepVerifier.create(filter.filter(exchange("lb://chat"), routed(HttpStatus.OK, Map.of(),
                        routedExchange -> routedExchange.getResponse().writeWith(Flux.never()))))
                .thenCancel()
                .verify();

        assertThat(signals.snapshot(ENDPOINT).local()).isEqualTo(LocalLoad.idle());
    }

    @Test
    void routesThatDoNotBalanceAreLeftAlone() {
        AtomicReference<ServerWebExchange> seen = new AtomicReference<>();
        ServerWebExchange exchange = exchange("http://10.0.0.9:8000");

        filter.filter(exchange, routedExchange -> {
            seen.set(routedExchange);
            return Mono.empty();
        }).block();

        assertThat(seen.get()).isSameAs(exchange);
        assertThat(exchange.getAttributes()).doesNotContainKey(AttemptLeases.ATTRIBUTE);
    }

    /** What runs between this filter and the client: the load balancer's pick, then the upstream's answer. */
    private GatewayFilterChain routed(HttpStatus status, Map<String, String> headers, Upstream upstream) {
        return routedExchange -> picker.choose(new DefaultRequest<>(new RequestDataContext(
                        new RequestData(routedExchange.getRequest(), routedExchange.getAttributes()))))
                .flatMap(chosen -> {
                    routedExchange.getResponse().setStatusCode(status);
                    headers.forEach(routedExchange.getResponse().getHeaders()::set);
                    return upstream.answer(routedExchange);
                });
    }

    private static Upstream body(String text) {
        return routedExchange -> routedExchange.getResponse().writeWith(Flux.just(chunk(text)));
    }

    @FunctionalInterface
    private interface Upstream {
        Mono<Void> answer(ServerWebExchange exchange);
    }

    private static ServerWebExchange exchange(String uri) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions"));
        Route route = Route.async().id("chat").uri(uri).predicate(any -> true).build();
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
        return exchange;
    }

    private static DataBuffer chunk(String text) {
        return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
