package dev.infergate.routing.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import dev.infergate.routing.body.BodyLimits;
import dev.infergate.routing.core.split.SplitDecision;
import dev.infergate.routing.core.split.TrafficSplit;
import dev.infergate.routing.core.split.WeightedDestination;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.test.StepVerifier;

final class TrafficSplitFilterTest {

    private static final BodyLimits LIMITS = new BodyLimits(DataSize.ofMegabytes(1));
    private static final SplitSpec CANARY = SplitSpec.of(List.of(
                    SplitDestination.of("stable", "lb://llama-stable", 90),
                    SplitDestination.of("canary", "lb://llama-canary", 10)))
            .withSticky(new StickyKey.Header("X-User-Id"));
    private static final TrafficSplit CANARY_ALGORITHM = TrafficSplit.of(List.of(
            new WeightedDestination("stable", 90), new WeightedDestination("canary", 10)));

    private final TrafficSplitFilter filter = new TrafficSplitFilter(LIMITS, () -> fixed(0.95));

    @Test
    void itRunsAfterTheRouteSetsTheUrlAndBeforeTheLoadBalancerResolvesIt() {
        assertThat(filter.getOrder()).isGreaterThan(RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER)
                .isLessThan(ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER);
    }

    @Test
    void aKeyedRequestGoesToItsHashedDestinationWhichIsRecordedAndEchoed() {
        String key = keyAssignedTo("canary");
        Forwarded forwarded = forward(CANARY, MockServerHttpRequest.post("/v1/chat/completions?stream=true").header("X-User-Id", key));

        assertThat(forwarded.url()).isEqualTo(URI.create("lb://llama-canary/v1/chat/completions?stream=true"));
        assertThat(forwarded.decision()).isEqualTo(new SplitDecision("canary", 1, SplitDecision.Method.HASHED));
        assertThat(forwarded.variantHeader()).isEqualTo("canary");
    }

    @Test
    void theSameKeyReachesTheSameDestinationOnTenRequests() {
        for (int user = 0; user < 50; user++) {
            String key = "user-" + user;
            String first = forward(CANARY, MockServerHttpRequest.get("/v1/models").header("X-User-Id", key)).decision().destination();
            for (int request = 1; request < 10; request++) {
                assertThat(forward(CANARY, MockServerHttpRequest.get("/v1/models").header("X-User-Id", key)).decision().destination())
                        .isEqualTo(first);
            }
        }
    }

    @Test
    void aRequestWithoutItsKeyIsDrawnAtRandomByWeight() {
        Forwarded drawnHigh = forward(CANARY, MockServerHttpRequest.get("/v1/models"));
        Forwarded drawnLow = forward(new TrafficSplitFilter(LIMITS, () -> fixed(0.05)), CANARY, MockServerHttpRequest.get("/v1/models"));

        assertThat(drawnHigh.decision()).isEqualTo(new SplitDecision("canary", 1, SplitDecision.Method.RANDOM));
        assertThat(drawnLow.decision()).isEqualTo(new SplitDecision("stable", 0, SplitDecision.Method.RANDOM));
    }

    @Test
    void aForcedVariantByHeaderWinsOverTheHash() {
        String key = keyAssignedTo("stable");

        Forwarded forwarded = forward(CANARY.withForcedVariant(ForcedVariant.ENABLED), MockServerHttpRequest.get("/v1/models")
                .header("X-User-Id", key).header("X-Infergate-Variant", "canary"));

        assertThat(forwarded.decision()).isEqualTo(new SplitDecision("canary", 1, SplitDecision.Method.FORCED));
        assertThat(forwarded.url().getHost()).isEqualTo("llama-canary");
        assertThat(forwarded.variantHeader()).isEqualTo("canary");
    }

    @Test
    void aForcedVariantByCookieWinsOverTheHashAndTheHeaderWinsOverTheCookie() {
        String key = keyAssignedTo("stable");
        SplitSpec forcing = CANARY.withForcedVariant(ForcedVariant.ENABLED);

        Forwarded byCookie = forward(forcing, MockServerHttpRequest.get("/v1/models").header("X-User-Id", key)
                .cookie(new HttpCookie("infergate-variant", "canary")));
        Forwarded both = forward(forcing, MockServerHttpRequest.get("/v1/models").header("X-Infergate-Variant", "stable")
                .cookie(new HttpCookie("infergate-variant", "canary")));

        assertThat(byCookie.decision()).isEqualTo(new SplitDecision("canary", 1, SplitDecision.Method.FORCED));
        assertThat(both.decision()).isEqualTo(new SplitDecision("stable", 0, SplitDecision.Method.FORCED));
    }

    @Test
    void aForcedVariantMayNameADestinationOfWeightZero() {
        SplitSpec dark = SplitSpec.of(List.of(SplitDestination.of("stable", "lb://stable", 100), SplitDestination.of("dark", "lb://dark", 0)))
                .withForcedVariant(ForcedVariant.ENABLED);

        assertThat(forward(dark, MockServerHttpRequest.get("/v1/models").header("X-Infergate-Variant", "dark")).url().getHost())
                .isEqualTo("dark");
    }

    @Test
    void anUnknownForcedVariantIsRefusedWith400ListingTheValidNames() {
        MockServerWebExchange exchange = exchange(CANARY.withForcedVariant(new ForcedVariant(true, "X-Variant", "variant")),
                MockServerHttpRequest.get("/v1/models").cookie(new HttpCookie("variant", "blue")));

        StepVerifier.create(filter.filter(exchange, completing(new AtomicReference<>())))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ResponseStatusException.class, rejected -> {
                    assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(rejected.getReason())
                            .isEqualTo("Unknown variant \"blue\" in cookie variant; valid variants: stable, canary.");
                }))
                .verify();
    }

    @Test
    void aForcedVariantIsIgnoredWhenTheRouteDoesNotEnableIt() {
        String key = keyAssignedTo("stable");

        Forwarded forwarded = forward(CANARY, MockServerHttpRequest.get("/v1/models").header("X-User-Id", key)
                .header("X-Infergate-Variant", "no-such-variant").cookie(new HttpCookie("infergate-variant", "canary")));

        assertThat(forwarded.decision()).isEqualTo(new SplitDecision("stable", 0, SplitDecision.Method.HASHED));
    }

    @Test
    void theClientAddressKeyIsThePeerAddressAndForwardedHeadersDoNotChangeIt() {
        SplitSpec byAddress = CANARY.withSticky(new StickyKey.ClientAddress());
        String expected = CANARY_ALGORITHM.assign("203.0.113.9").destination();

        for (int i = 0; i < 20; i++) {
            Forwarded forwarded = forward(byAddress, MockServerHttpRequest.get("/v1/models")
                    .remoteAddress(new InetSocketAddress("203.0.113.9", 40000 + i))
                    .header("X-Forwarded-For", "198.51.100." + i).header("Forwarded", "for=198.51.100." + i));
            assertThat(forwarded.decision()).isEqualTo(CANARY_ALGORITHM.assign("203.0.113.9"));
            assertThat(forwarded.decision().destination()).isEqualTo(expected);
        }
    }

    @Test
    void theTenantKeyComesFromTheTenantAttribute() {
        SplitSpec byTenant = CANARY.withSticky(new StickyKey.Tenant());
        MockServerWebExchange exchange = exchange(byTenant, MockServerHttpRequest.get("/v1/models"));
        exchange.getAttributes().put(StickyKey.TENANT_ATTRIBUTE, "acme");

        StepVerifier.create(filter.filter(exchange, completing(new AtomicReference<>()))).verifyComplete();

        assertThat((SplitDecision) exchange.getAttribute(TrafficSplitFilter.DECISION_ATTRIBUTE)).isEqualTo(CANARY_ALGORITHM.assign("acme"));
    }

    @Test
    void aDestinationsPathRewriteAndModelApplyOnlyToIt() {
        SplitSpec rewriting = SplitSpec.of(List.of(
                SplitDestination.of("stable", "lb://stable", 1),
                SplitDestination.of("canary", "http://10.0.0.7:8000", 0)
                        .withPath(PathRewrite.of("/v1/(?<rest>.*)", "/canary/v1/$\\{rest}"))
                        .withModel("llama-3-8b-instruct-v2")))
                .withForcedVariant(ForcedVariant.ENABLED);
        String body = "{\"model\": \"llama-3\",\n \"messages\": [{\"role\":\"user\",\"content\":\"é\"}]}";
        AtomicReference<ServerWebExchange> seen = new AtomicReference<>();
        MockServerWebExchange exchange = exchange(rewriting, MockServerHttpRequest.post("/v1/chat/completions")
                .header("X-Infergate-Variant", "canary").contentLength(bytes(body).length).body(body));

        StepVerifier.create(filter.filter(exchange, completing(seen))).verifyComplete();

        String expected = "{\"model\": \"llama-3-8b-instruct-v2\",\n \"messages\": [{\"role\":\"user\",\"content\":\"é\"}]}";
        assertThat((URI) exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR)).isEqualTo(URI.create("http://10.0.0.7:8000/canary/v1/chat/completions"));
        assertThat(text(seen.get())).isEqualTo(expected);
        assertThat(seen.get().getRequest().getHeaders().getContentLength()).isEqualTo(bytes(expected).length);
    }

    @Test
    void aRetryRunningTheFilterAgainKeepsTheFirstDecision() {
        MockServerWebExchange exchange = exchange(CANARY, MockServerHttpRequest.get("/v1/models"));
        TrafficSplitFilter drawsDifferentlyEachTime = new TrafficSplitFilter(LIMITS, new Supplier<>() {
            private int draws;

            @Override
            public RandomGenerator get() {
                return fixed(draws++ == 0 ? 0.99 : 0.01);
            }
        });

        StepVerifier.create(drawsDifferentlyEachTime.filter(exchange, completing(new AtomicReference<>()))).verifyComplete();
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, URI.create("lb://route-pool/v1/models"));
        StepVerifier.create(drawsDifferentlyEachTime.filter(exchange, completing(new AtomicReference<>()))).verifyComplete();

        assertThat((URI) exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR)).isEqualTo(URI.create("lb://llama-canary/v1/models"));
    }

    @Test
    void aSplitInMapFormOnTheRouteIsReadLikeTheRecord() {
        Forwarded forwarded = forward(CANARY.toMap(), MockServerHttpRequest.get("/v1/models").header("X-User-Id", keyAssignedTo("canary")));

        assertThat(forwarded.url().getHost()).isEqualTo("llama-canary");
    }

    @Test
    void anInvalidSplitFailsTheRequestWith500NamingTheProblem() {
        MockServerWebExchange exchange = exchange(Map.of("destinations", List.of()), MockServerHttpRequest.get("/v1/models"));

        StepVerifier.create(filter.filter(exchange, completing(new AtomicReference<>())))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ResponseStatusException.class, failed -> {
                    assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
                    assertThat(failed.getReason()).isEqualTo(
                            "The traffic split of route llama is invalid: split.destinations: [] (expected: at least one destination)");
                }))
                .verify();
    }

    @Test
    void aRouteWithoutASplitIsLeftAlone() {
        Route plain = Route.async().id("plain").uri("lb://demo").predicate(exchange -> true).build();
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/models"));
        exchange.getAttributes().put(GATEWAY_ROUTE_ATTR, plain);
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, URI.create("lb://demo/v1/models"));

        StepVerifier.create(filter.filter(exchange, completing(new AtomicReference<>()))).verifyComplete();

        assertThat((URI) exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR)).isEqualTo(URI.create("lb://demo/v1/models"));
        assertThat(exchange.getAttributes()).doesNotContainKey(TrafficSplitFilter.DECISION_ATTRIBUTE);
        assertThat(exchange.getResponse().getHeaders().containsHeader(TrafficSplitFilter.VARIANT_HEADER)).isFalse();
    }

    private record Forwarded(URI url, SplitDecision decision, String variantHeader) {
    }

    private Forwarded forward(Object split, MockServerHttpRequest.BaseBuilder<?> request) {
        return forward(filter, split, request);
    }

    private static Forwarded forward(TrafficSplitFilter filter, Object split, MockServerHttpRequest.BaseBuilder<?> request) {
        MockServerWebExchange exchange = exchange(split, request);
        StepVerifier.create(filter.filter(exchange, completing(new AtomicReference<>()))).verifyComplete();
        return new Forwarded(exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR), exchange.getAttribute(TrafficSplitFilter.DECISION_ATTRIBUTE),
                exchange.getResponse().getHeaders().getFirst(TrafficSplitFilter.VARIANT_HEADER));
    }

    private static MockServerWebExchange exchange(Object split, MockServerHttpRequest.BaseBuilder<?> request) {
        return exchange(split, request.build());
    }

    private static MockServerWebExchange exchange(Object split, MockServerHttpRequest request) {
        Route route = Route.async().id("llama").uri("lb://route-pool").predicate(exchange -> true)
                .metadata(SplitSpec.METADATA_KEY, split).build();
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        exchange.getAttributes().put(GATEWAY_ROUTE_ATTR, route);
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, URI.create("lb://route-pool" + request.getURI().getRawPath()
                + (request.getURI().getRawQuery() == null ? "" : "?" + request.getURI().getRawQuery())));
        return exchange;
    }

    /** The rest of the chain: keeps the exchange it was given and completes the response. */
    private static GatewayFilterChain completing(AtomicReference<ServerWebExchange> seen) {
        return exchange -> {
            seen.set(exchange);
            return exchange.getResponse().setComplete();
        };
    }

    private static String keyAssignedTo(String destination) {
        return IntStream.range(0, 1_000).mapToObj(i -> "user-" + i)
                .filter(key -> CANARY_ALGORITHM.assign(key).destination().equals(destination))
                .findFirst().orElseThrow();
    }

    private static String text(ServerWebExchange exchange) {
        return DataBufferUtils.join(exchange.getRequest().getBody()).map(buffer -> {
            String text = buffer.toString(StandardCharsets.UTF_8);
            DataBufferUtils.release(buffer);
            return text;
        }).block();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextDouble is drawn");
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
