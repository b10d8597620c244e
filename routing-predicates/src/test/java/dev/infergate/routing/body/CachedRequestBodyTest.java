package dev.infergate.routing.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

final class CachedRequestBodyTest {

    private static final DefaultDataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

    @Test
    void theCachedBodyIsReplayedByteForByteAndKeptForOthers() {
        MockServerWebExchange exchange = exchange(chunks("{\"model\":", "\"llama\"}"), -1);

        StepVerifier.create(CachedRequestBody.cache(exchange, 64, request -> DataBufferUtils.join(request.getBody())
                        .map(CachedRequestBodyTest::text)))
                .expectNext("{\"model\":\"llama\"}")
                .verifyComplete();
        assertThat(CachedRequestBody.cached(exchange)).map(CachedRequestBodyTest::peek).contains("{\"model\":\"llama\"}");
    }

    @Test
    void aChunkedBodyOverTheCapFailsWith413() {
        MockServerWebExchange exchange = exchange(chunks("12345", "67890", "X"), -1);

        StepVerifier.create(CachedRequestBody.cache(exchange, 10, request -> Mono.just("forwarded")))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(RequestBodyTooLargeException.class)
                        .hasMessageContaining("exceeds the limit of 10 bytes"))
                .verify();
        assertThat(exchange.getAttributes()).doesNotContainKey(ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR);
    }

    @Test
    void aDeclaredLengthOverTheCapFailsBeforeReading() {
        MockServerWebExchange exchange = exchange(chunks("tiny"), 11);

        StepVerifier.create(CachedRequestBody.cache(exchange, 10, request -> Mono.just("forwarded")))
                .expectError(RequestBodyTooLargeException.class)
                .verify();
    }

    @Test
    void aBoundedStreamingBodyPassesChunksThroughUpToTheCap() {
        MockServerHttpRequest request = MockServerHttpRequest.post("/v1/x").body(chunks("12345", "67890"));

        StepVerifier.create(new BoundedBodyRequest(request, 10).getBody().map(CachedRequestBodyTest::text))
                .expectNext("12345", "67890")
                .verifyComplete();
        StepVerifier.create(new BoundedBodyRequest(MockServerHttpRequest.post("/v1/x").body(chunks("12345", "678901")), 10)
                        .getBody().map(CachedRequestBodyTest::text))
                .expectNext("12345")
                .expectError(RequestBodyTooLargeException.class)
                .verify();
    }

    private static MockServerWebExchange exchange(Flux<DataBuffer> body, long contentLength) {
        MockServerHttpRequest.BodyBuilder builder = MockServerHttpRequest.post("/v1/chat/completions");
        if (contentLength >= 0) {
            builder.contentLength(contentLength);
        }
        return MockServerWebExchange.from(builder.body(body));
    }

    private static Flux<DataBuffer> chunks(String... parts) {
        return Flux.fromArray(parts).map(part -> BUFFERS.wrap(part.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(DataBuffer buffer) {
        String text = buffer.toString(StandardCharsets.UTF_8);
        DataBufferUtils.release(buffer);
        return text;
    }

    private static String peek(DataBuffer buffer) {
        return buffer.toString(buffer.readPosition(), buffer.readableByteCount(), StandardCharsets.UTF_8);
    }
}
