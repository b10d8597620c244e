package dev.infergate.routing.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import dev.infergate.routing.body.BodyLimits;
import dev.infergate.routing.body.RequestBodyTooLargeException;
import dev.infergate.routing.testing.Bodies;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

final class ModelAliasGatewayFilterFactoryTest {

    private static final BodyLimits LIMITS = new BodyLimits(DataSize.ofMegabytes(1));
    private static final GatewayFilter ALIAS = new ModelAliasGatewayFilterFactory(LIMITS)
            .apply(new ModelAliasGatewayFilterFactory.Config().setFrom("llama-3").setTo("llama-3-8b-instruct-v2"));

    private MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
    private final AtomicReference<ServerHttpRequest> forwarded = new AtomicReference<>();
    private final GatewayFilterChain upstream = exchange -> {
        forwarded.set(exchange.getRequest());
        return Mono.empty();
    };

    @AfterEach
    void releaseTheCachedBodyAsTheGatewayDoesWhenTheExchangeEnds() {
        ServerWebExchangeUtils.clearCachedRequestBody(exchange);
    }

    @Test
    void onlyTheModelValueChangesAndContentLengthFollows() {
        String body = "{ \"temperature\": 0.2,\n  \"model\" :  \"llama-3\" , \"messages\": [{\"role\": \"user\", \"content\": \"¿Qué tal? \\\"x\\\"\"}],"
                + " \"options\": {\"model\": \"llama-3\"} }\n";
        exchange = declared(body, 5);

        StepVerifier.create(ALIAS.filter(exchange, upstream)).verifyComplete();

        String expected = body.replaceFirst("\"llama-3\"", "\"llama-3-8b-instruct-v2\"");
        assertThat(new String(Bodies.read(forwarded.get().getBody()), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(forwarded.get().getHeaders().getContentLength()).isEqualTo(Bodies.bytes(expected).length);
        assertThat(Bodies.read(forwarded.get().getBody())).as("replayed again, as a retry would")
                .isEqualTo(Bodies.bytes(expected));
    }

    @Test
    void aChunkedBodyGetsTheLengthOfTheNewBody() {
        String body = "{\"model\":\"llama-3\",\"prompt\":\"hi\"}";
        exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/completions")
                .header(HttpHeaders.TRANSFER_ENCODING, "chunked").body(Bodies.chunked(body, 4)));

        StepVerifier.create(ALIAS.filter(exchange, upstream)).verifyComplete();

        String expected = "{\"model\":\"llama-3-8b-instruct-v2\",\"prompt\":\"hi\"}";
        assertThat(Bodies.read(forwarded.get().getBody())).isEqualTo(Bodies.bytes(expected));
        assertThat(forwarded.get().getHeaders().getContentLength()).isEqualTo(Bodies.bytes(expected).length);
        assertThat(forwarded.get().getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)).isFalse();
    }

    @Test
    void theNewNameIsEscapedAsAJsonString() {
        GatewayFilter alias = new ModelAliasGatewayFilterFactory(LIMITS)
                .apply(new ModelAliasGatewayFilterFactory.Config().setFrom("m").setTo("team\"a\\b"));
        exchange = declared("{\"model\":\"m\"}", 64);

        StepVerifier.create(alias.filter(exchange, upstream)).verifyComplete();

        assertThat(new String(Bodies.read(forwarded.get().getBody()), StandardCharsets.UTF_8)).isEqualTo("{\"model\":\"team\\\"a\\\\b\"}");
    }

    @Test
    void anotherModelOrABodyThatIsNotJsonPassesByteForByteWithItsLength() {
        for (String body : new String[] {"{\"model\":\"qwen2\",\"x\":1}", "not json, \"model\":\"llama-3\"", "{\"model\":\"llama-3\"} tail"}) {
            exchange = declared(body, 3);

            StepVerifier.create(ALIAS.filter(exchange, upstream)).verifyComplete();

            assertThat(Bodies.read(forwarded.get().getBody())).isEqualTo(Bodies.bytes(body));
            assertThat(forwarded.get().getHeaders().getContentLength()).isEqualTo(Bodies.bytes(body).length);
            ServerWebExchangeUtils.clearCachedRequestBody(exchange);
        }
    }

    @Test
    void aDeclaredBodyOverTheCapIsRefusedWith413BeforeItIsRead() {
        byte[] body = Bodies.chatOfSize("llama-3", 2 * 1024 * 1024);
        exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions").contentLength(body.length)
                .body(Bodies.chunked(body, 64 * 1024, new AtomicInteger())));

        StepVerifier.create(ALIAS.filter(exchange, upstream)).expectError(RequestBodyTooLargeException.class).verify();
        assertThat(forwarded.get()).isNull();
    }

    @Test
    void aChunkedBodyOverTheCapIsRefusedWith413() {
        byte[] body = Bodies.chatOfSize("llama-3", 2 * 1024 * 1024);
        exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions")
                .body(Bodies.chunked(body, 64 * 1024, new AtomicInteger())));
        exchange.getAttributes().put(GATEWAY_ROUTE_ATTR, Route.async().id("r").uri("lb://demo").predicate(e -> true).build());

        StepVerifier.create(ALIAS.filter(exchange, upstream))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(RequestBodyTooLargeException.class)
                        .hasMessageContaining("exceeds the limit of 1048576 bytes"))
                .verify();
        assertThat(forwarded.get()).isNull();
    }

    @Test
    void theShortFormIsFromThenTo() {
        ModelAliasGatewayFilterFactory factory = new ModelAliasGatewayFilterFactory(LIMITS);

        assertThat(factory.shortcutFieldOrder()).containsExactly("from", "to");
        assertThat(factory.name()).isEqualTo("ModelAlias");
    }

    @Test
    void anAliasToItselfOrToNothingIsRejected() {
        assertThatThrownBy(() -> new ModelAliasGatewayFilterFactory.Config().setFrom("a").setTo("a").toAlias())
                .hasMessage("to: \"a\" (expected: a name other than from)");
        assertThatThrownBy(() -> new ModelAliasGatewayFilterFactory.Config().setFrom("a").toAlias())
                .hasMessage("to: \"\" (expected: a model name, not blank)");
    }

    private static MockServerWebExchange declared(String body, int chunk) {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions")
                .contentLength(Bodies.bytes(body).length).body(Bodies.chunked(body, chunk)));
    }
}
