package dev.infergate.routing.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import dev.infergate.routing.body.BodyLimits;
import dev.infergate.routing.core.resilience.RetryPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

final class AdaptiveRetryGatewayFilterFactoryTest {

    private static final RandomGenerator NO_DELAY = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return 0;
        }
    };

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> bodies = new ArrayList<>();
    private final List<HttpStatus> script = new ArrayList<>();
    private Map<String, ?> settings = Map.of("max-attempts", 3, "backoff", Map.of("base", "1ms", "cap", "1ms"));

    @Test
    void aRetryableStatusIsRetriedWithTheSameBodyUntilAnAnswerIsNotRetryable() {
        script.addAll(List.of(HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.BAD_GATEWAY, HttpStatus.OK));
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("/v1/chat/completions").body("{\"prompt\":\"héllo\"}"));

        StepVerifier.create(filter().filter(exchange, upstream())).verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(bodies).containsExactly("{\"prompt\":\"héllo\"}", "{\"prompt\":\"héllo\"}", "{\"prompt\":\"héllo\"}");
        assertThat(decisions("retried")).isEqualTo(2);
    }

    @Test
    void theLastFailureIsReturnedWhenAttemptsAreSpent() {
        script.addAll(List.of(HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE));
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/").build());

        StepVerifier.create(filter().filter(exchange, upstream())).verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(bodies).hasSize(3);
        assertThat(decisions("attempts-exhausted")).isEqualTo(1);
    }

    @Test
    void aSpentBudgetReturnsTheFailureAndIsCounted() {
        settings = Map.of("budget", Map.of("ratio", 0.0, "min-per-second", 0, "window", "1s"));
        script.add(HttpStatus.SERVICE_UNAVAILABLE);
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/").build());

        StepVerifier.create(filter().filter(exchange, upstream())).verifyComplete();

        assertThat(bodies).hasSize(1);
        assertThat(decisions("budget-exhausted")).isEqualTo(1);
    }

    @Test
    void aConnectFailureIsRetriedAndAnotherErrorIsNot() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/").build());
        List<Integer> calls = new ArrayList<>();
        GatewayFilterChain refusedThenBroken = ex -> {
            calls.add(calls.size());
            return Mono.error(calls.size() == 1 ? new ConnectException("refused") : new IllegalStateException("bug"));
        };

        StepVerifier.create(filter().filter(exchange, refusedThenBroken)).verifyErrorMessage("bug");

        assertThat(calls).hasSize(2);
    }

    @Test
    void aThrottleWithoutRetryAfterIsReturnedAndOneBeyondTheCapToo() {
        MockServerWebExchange plain = exchange(MockServerHttpRequest.get("/").build());
        script.add(HttpStatus.TOO_MANY_REQUESTS);
        StepVerifier.create(filter().filter(plain, upstream())).verifyComplete();

        MockServerWebExchange late = exchange(MockServerHttpRequest.get("/").build());
        GatewayFilterChain throttled = ex -> {
            bodies.add("");
            ex.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
            ex.getResponse().getHeaders().set("Retry-After", "60");
            return Mono.empty();
        };
        StepVerifier.create(filter().filter(late, throttled)).verifyComplete();

        assertThat(bodies).hasSize(2);
        assertThat(decisions("retry-after-too-long")).isEqualTo(1);
    }

    @Test
    void theFilterNeedsAPolicyName() {
        assertThatThrownBy(() -> new AdaptiveRetryGatewayFilterFactory(name -> Optional.empty(), null, null, null, null, null, null, null)
                .apply(new AdaptiveRetryGatewayFilterFactory.Config()))
                .hasMessage("policy: missing (expected: the name of a policy in sections.retry-policies)");
    }

    private GatewayFilter filter() {
        AdaptiveRetryGatewayFilterFactory factory = new AdaptiveRetryGatewayFilterFactory(
                name -> "p".equals(name) ? Optional.of(RetryPolicy.from(settings)) : Optional.empty(),
                new RetryBudgets(System::nanoTime), new BodyLimits(DataSize.ofKilobytes(64)), pool -> 3,
                new ResilienceMeters(registry), NO_DELAY, Instant::now, null);
        return factory.apply(new AdaptiveRetryGatewayFilterFactory.Config().setPolicy("p"));
    }

    private GatewayFilterChain upstream() {
        return exchange -> DataBufferUtils.join(exchange.getRequest().getBody())
                .map(buffer -> {
                    String text = buffer.toString(StandardCharsets.UTF_8);
                    DataBufferUtils.release(buffer);
                    return text;
                })
                .defaultIfEmpty("")
                .doOnNext(bodies::add)
                .then(Mono.fromRunnable(() -> exchange.getResponse().setStatusCode(script.remove(0))));
    }

    private MockServerWebExchange exchange(MockServerHttpRequest request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        exchange.getAttributes().put(GATEWAY_ROUTE_ATTR,
                Route.async().id("chat").uri(URI.create("lb://fleet")).predicate(e -> true).build());
        return exchange;
    }

    private double decisions(String outcome) {
        var counter = registry.find(ResilienceMeters.RETRIES).tag("route", "chat").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
