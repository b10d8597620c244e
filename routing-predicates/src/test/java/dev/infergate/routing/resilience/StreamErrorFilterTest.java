package dev.infergate.routing.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

final class StreamErrorFilterTest {

    private final StreamErrorFilter filter = new StreamErrorFilter();
    private final MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));

    @Test
    void aStreamThatFailsAfterItStartedEndsWithTheErrorEventAndTheFailureGoesOn() {
        GatewayFilterChain upstream = streaming(Flux.concat(Flux.just(chunk("data: 1\n\n"), chunk("data: 2\n\n")),
                Flux.error(new IOException("Connection reset by peer"))));

        StepVerifier.create(filter.filter(exchange, upstream)).verifyErrorMessage("Connection reset by peer");

        StepVerifier.create(exchange.getResponse().getBody().map(buffer -> buffer.toString(StandardCharsets.UTF_8)))
                .expectNext("data: 1\n\n", "data: 2\n\n", StreamErrorFilter.ERROR_EVENT)
                .verifyErrorMessage("Connection reset by peer");
    }

    @Test
    void aFailureBeforeTheFirstByteIsLeftToTheErrorHandler() {
        StepVerifier.create(filter.filter(exchange, streaming(Flux.error(new IOException("reset")))))
                .verifyErrorMessage("reset");

        assertThat(exchange.getResponse().isCommitted()).isFalse();
    }

    @Test
    void otherMediaTypesAreUntouched() {
        GatewayFilterChain upstream = ex -> {
            ex.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
            return ex.getResponse().writeWith(Flux.concat(Flux.just(chunk("{")), Flux.error(new IOException("reset"))));
        };

        StepVerifier.create(filter.filter(exchange, upstream)).verifyErrorMessage("reset");
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
