package dev.infergate.routing.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infergate.routing.body.BodyLimits;
import dev.infergate.routing.core.admission.ApiKeyHash;
import dev.infergate.routing.core.admission.Bandwidth;
import dev.infergate.routing.core.admission.FailurePolicy;
import dev.infergate.routing.core.admission.LimitDefinition;
import dev.infergate.routing.core.admission.LimitScope;
import dev.infergate.routing.core.admission.LimitUnit;
import dev.infergate.routing.core.admission.Refill;
import dev.infergate.routing.split.StickyKey;
import dev.infergate.routing.testing.Bodies;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

final class AdmissionGatewayFilterFactoryTest {

    private static final String KEY = "sk-test-0123456789abcdef";
    private static final LimitDefinition THREE = new LimitDefinition("three", LimitUnit.REQUESTS, LimitScope.TENANT,
            List.of(Bandwidth.of(3, Duration.ofHours(1))), FailurePolicy.FAIL_OPEN, null);
    private static final LimitDefinition TOKENS = new LimitDefinition("tokens", LimitUnit.TOKENS, LimitScope.TENANT,
            List.of(new Bandwidth(100, 100, Duration.ofHours(1), Refill.INTERVALLY)), FailurePolicy.FAIL_OPEN, null);

    private final Limiter limiter = new Limiter(new LocalLimitStore(TimeMeter.SYSTEM_NANOTIME, 100), TimeMeter.SYSTEM_NANOTIME, 100,
            new AdmissionMeters(new SimpleMeterRegistry()));
    private final AdmissionSettings settings = new AdmissionSettings(
            new TenantDirectory(Map.of(ApiKeyHash.of(KEY), new ClientIdentity("acme", "metered", "standard")),
                    Map.of("metered", new Plan("metered", "standard", List.of("three", "tokens")))),
            new LimitCatalog(Map.of("three", THREE, "tokens", TOKENS), 1, 16));
    private final GatewayFilter filter = new AdmissionGatewayFilterFactory(() -> settings, new ApiKeyIdentityResolver(), limiter,
            new StreamingUsageObserver(), new BodyLimits(DataSize.ofMegabytes(1)), new AdmissionMeters(new SimpleMeterRegistry()))
            .apply(new AdmissionGatewayFilterFactory.Config());
    private final AtomicInteger forwarded = new AtomicInteger();
    private final GatewayFilterChain upstream = exchange -> {
        forwarded.incrementAndGet();
        return Mono.empty();
    };
    private MockServerWebExchange exchange = request(null, "{}");

    @AfterEach
    void releaseTheCachedBody() {
        ServerWebExchangeUtils.clearCachedRequestBody(exchange);
    }

    private static MockServerWebExchange request(String key, String body) {
        MockServerHttpRequest.BodyBuilder builder = MockServerHttpRequest.post("/v1/completions").contentLength(Bodies.bytes(body).length);
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        MockServerWebExchange exchange = MockServerWebExchange.from(builder.body(Bodies.chunked(body, 8)));
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR,
                Route.async().id("chat").uri("http://127.0.0.1:1").predicate(e -> true).build());
        return exchange;
    }

    @Test
    void anUnknownKeyIsRefusedWith401AndNeverForwarded() {
        exchange = request("sk-someone-else", "{}");
        StepVerifier.create(filter.filter(exchange, upstream))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ResponseStatusException.class, refused -> {
                    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
                    assertThat(refused.getReason()).isEqualTo("The API key is not valid.");
                }))
                .verify();
        assertThat(exchange.getResponse().getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(forwarded).hasValue(0);
    }

    @Test
    void aKnownKeyNamesTheTenantAndEveryResponseCarriesTheLimitsOfItsPlan() {
        exchange = request(KEY, "{\"prompt\":\"abcdefgh\",\"max_tokens\":10}");
        StepVerifier.create(filter.filter(exchange, upstream)).verifyComplete();
        assertThat(forwarded).hasValue(1);
        assertThat((Object) exchange.getAttribute(StickyKey.TENANT_ATTRIBUTE)).isEqualTo("acme");
        assertThat(exchange.getResponse().getHeaders().getFirst("RateLimit-Policy"))
                .isEqualTo("\"three\";q=3;w=3600, \"tokens\";q=100;w=3600;qu=\"tokens\"");
        // 2 prompt tokens + 10: no usage came back from this upstream, so the estimate stands.
        assertThat(exchange.getResponse().getHeaders().getFirst("RateLimit")).isEqualTo("\"three\";r=2;t=1200, \"tokens\";r=88;t=3600");
    }

    @Test
    void aTokenLimitForOneModelAppliesOnlyToThatModel() {
        LimitDefinition llama = new LimitDefinition("llama-tokens", LimitUnit.TOKENS, LimitScope.TENANT,
                List.of(Bandwidth.of(50, Duration.ofHours(1))), FailurePolicy.FAIL_OPEN, "llama");
        AdmissionSettings perModel = new AdmissionSettings(
                new TenantDirectory(Map.of(ApiKeyHash.of(KEY), new ClientIdentity("acme", "models", "standard")),
                        Map.of("models", new Plan("models", "standard", List.of("llama-tokens")))),
                new LimitCatalog(Map.of("llama-tokens", llama), 1, 16));
        GatewayFilter modelFilter = new AdmissionGatewayFilterFactory(() -> perModel, new ApiKeyIdentityResolver(), limiter,
                new StreamingUsageObserver(), new BodyLimits(DataSize.ofMegabytes(1)), new AdmissionMeters(new SimpleMeterRegistry()))
                .apply(new AdmissionGatewayFilterFactory.Config());

        exchange = request(KEY, "{\"model\":\"qwen\",\"prompt\":\"abcd\",\"max_tokens\":1}");
        StepVerifier.create(modelFilter.filter(exchange, upstream)).verifyComplete();
        assertThat(exchange.getResponse().getHeaders().getFirst("RateLimit")).isNull();
        ServerWebExchangeUtils.clearCachedRequestBody(exchange);

        exchange = request(KEY, "{\"model\":\"llama\",\"prompt\":\"abcd\",\"max_tokens\":1}");
        StepVerifier.create(modelFilter.filter(exchange, upstream)).verifyComplete();
        assertThat(exchange.getResponse().getHeaders().getFirst("RateLimit")).isEqualTo("\"llama-tokens\";r=48;t=144");
        assertThat(forwarded).hasValue(2);
    }

    @Test
    void aRefusedTokenLimitGivesBackTheRequestAlreadyTakenAndAnswers429() {
        MockServerWebExchange big = request(KEY, "{\"prompt\":\"abcd\",\"max_tokens\":500}");
        StepVerifier.create(filter.filter(big, upstream))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ResponseStatusException.class, refused -> {
                    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(refused.getReason()).isEqualTo("Limit \"tokens\" (tenant, tokens) is exhausted: this request needs an "
                            + "estimated 501 tokens (1 prompt + 500 completion); retry after 3600 s.");
                }))
                .verify();
        ServerWebExchangeUtils.clearCachedRequestBody(big);
        assertThat(big.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("3600");
        assertThat(forwarded).hasValue(0);
        assertThat(limiter.adjust("t:acme", THREE, 0, 1).block().available()).containsExactly(3L);
    }
}
