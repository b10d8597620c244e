package dev.infergate.routing.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

final class ResponseTimeoutsFilterTest {

    private final ResponseTimeoutsFilter filter = new ResponseTimeoutsFilter();
    private final MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));

    @Test
    void aGapLongerThanIdleAfterTheFirstChunkFailsTheStream() {
        limits(new TimeoutsSpec(Optional.of(Duration.ofSeconds(10)), Optional.of(Duration.ofMillis(500)), Optional.empty(),
                Optional.empty()));
        GatewayFilterChain upstream = streaming(Flux.concat(Mono.just(chunk("data: 1\n\n")), Mono.never()));

        StepVerifier.withVirtualTime(() -> filter.filter(exchange, upstream))
                .thenAwait(Duration.ofMillis(500))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(TimeoutException.class)
                        .hasMessage("The upstream's body exceeded its time limit after it started: idle 500 ms, total none, stream-total none"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void noFirstChunkWithinFirstByteIsAGatewayTimeout() {
        limits(new TimeoutsSpec(Optional.of(Duration.ofSeconds(2)), Optional.empty(), Optional.empty(), Optional.empty()));
        GatewayFilterChain upstream = streaming(Flux.never());

        StepVerifier.withVirtualTime(() -> filter.filter(exchange, upstream))
                .thenAwait(Duration.ofSeconds(2))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ResponseStatusException.class,
                        refused -> assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT)))
                .verify(Duration.ofSeconds(5));
        assertThat(exchange.getResponse().isCommitted()).isFalse();
    }

    @Test
    void aStreamIsNotCutByTotalButByStreamTotal() {
        limits(new TimeoutsSpec(Optional.empty(), Optional.empty(), Optional.of(Duration.ofSeconds(1)), Optional.of(Duration.ofSeconds(3))));
        StepVerifier.withVirtualTime(() -> filter.filter(exchange,
                        streaming(Flux.interval(Duration.ofMillis(400)).map(i -> chunk("data: " + i + "\n\n")))))
                .thenAwait(Duration.ofSeconds(2))
                .expectNoEvent(Duration.ofMillis(900))
                .thenAwait(Duration.ofMillis(100))
                .expectError(TimeoutException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void routesWithoutTimeoutsAreUntouched() {
        StepVerifier.create(filter.filter(exchange, streaming(Flux.just(chunk("data: 1\n\n"))))).verifyComplete();
    }

    private void limits(TimeoutsSpec spec) {
        exchange.getAttributes().put(AttemptDeadlines.ATTRIBUTE, new AttemptDeadlines(spec, System.nanoTime()));
    }

    private static GatewayFilterChain streaming(Flux<DataBuffer> body) {
        return ex -> {
            ex.getResponse().getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
            return ex.getResponse().writeAndFlushWith(body.map(Mono::just));
        };
    }

    private static DataBuffer chunk(String text) {
        return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
