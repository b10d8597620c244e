package dev.infergate.routing.predicate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infergate.routing.body.BodyLimits;
import dev.infergate.routing.testing.Bodies;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

final class RequireModelGatewayFilterFactoryTest {

    private static final RequireModelGatewayFilterFactory FACTORY = new RequireModelGatewayFilterFactory(new BodyLimits(DataSize.ofMegabytes(1)));

    private MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
    private final AtomicReference<ServerHttpRequest> forwarded = new AtomicReference<>();
    private final GatewayFilterChain upstream = exchange -> {
        forwarded.set(exchange.getRequest());
        return Mono.empty();
    };

    @AfterEach
    void releaseTheCachedBody() {
        ServerWebExchangeUtils.clearCachedRequestBody(exchange);
    }

    @Test
    void aRequestThatNamesNoModelIsRefusedWith400SayingWhy() {
        exchange = post("{\"prompt\":\"hi\"}");

        StepVerifier.create(FACTORY.apply(new RequireModelGatewayFilterFactory.Config()).filter(exchange, upstream))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ResponseStatusException.class, refused -> {
                    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(refused.getReason()).isEqualTo("No model in the request: the JSON body has no top-level \"model\" field; "
                            + "expected: a JSON body with a string field \"model\" (OpenAI, KServe v2) or the path /v2/models/{name}/infer (KServe v2).");
                }))
                .verify();
        assertThat(forwarded.get()).isNull();
    }

    @Test
    void aRequestThatNamesAModelPassesWithItsBodyUnchanged() {
        String body = "{\"model\":\"llama-3\",\"prompt\":\"hi\"}";
        exchange = post(body);

        StepVerifier.create(FACTORY.apply(new RequireModelGatewayFilterFactory.Config()).filter(exchange, upstream)).verifyComplete();

        assertThat(Bodies.read(forwarded.get().getBody())).isEqualTo(Bodies.bytes(body));
    }

    @Test
    void aRequiredHeaderMustBePresent() {
        GatewayFilter filter = FACTORY.apply(new RequireModelGatewayFilterFactory.Config().setHeader("X-Model"));
        exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/models"));

        StepVerifier.create(filter.filter(exchange, upstream))
                .expectErrorSatisfies(error -> assertThat(((ResponseStatusException) error).getReason())
                        .isEqualTo("No model in the request: the header X-Model is missing; expected: the model name in X-Model."))
                .verify();
        StepVerifier.create(filter.filter(MockServerWebExchange.from(MockServerHttpRequest.get("/v1/models").header("X-Model", "m")), upstream))
                .verifyComplete();
    }

    @Test
    void theShortFormNamesTheHeader() {
        assertThat(FACTORY.shortcutFieldOrder()).containsExactly("header");
        assertThat(FACTORY.name()).isEqualTo("RequireModel");
    }

    private static MockServerWebExchange post(String body) {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/v1/completions").contentLength(Bodies.bytes(body).length)
                .body(Bodies.chunked(body, 8)));
    }
}
