package dev.infergate.routing.predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CACHED_SERVER_HTTP_REQUEST_DECORATOR_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import dev.infergate.routing.body.BodyLimits;
import dev.infergate.routing.body.BodyRejection;
import dev.infergate.routing.body.RequestBodyLimitFilter;
import dev.infergate.routing.body.RequestBodyTooLargeException;
import dev.infergate.routing.testing.Bodies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.NameUtils;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

final class ModelRoutePredicateFactoryTest {

    private static final BodyLimits LIMITS = new BodyLimits(DataSize.ofMegabytes(1));
    private static final String CHAT = "{\"model\":\"qwen2-7b-instruct\",\n  \"messages\":[{\"role\":\"user\",\"content\":\"Grüß dich\"}],"
            + "\"stream\":true}";

    private final ModelRoutePredicateFactory factory = new ModelRoutePredicateFactory(LIMITS);
    private final AtomicInteger bodyReads = new AtomicInteger();
    private MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));

    @AfterEach
    void releaseTheCachedBodyAsTheGatewayDoesWhenTheExchangeEnds() {
        ServerWebExchangeUtils.clearCachedRequestBody(exchange);
    }

    @Test
    void anOpenAiBodyNamingAListedModelMatchesAndIsReplayedByteForByte() {
        exchange = post("/v1/chat/completions", Bodies.bytes(CHAT), 7);

        assertThat(matches(predicate("llama-3-8b-instruct", "qwen2-7b-instruct"))).isTrue();

        ServerHttpRequest replaying = exchange.getAttribute(CACHED_SERVER_HTTP_REQUEST_DECORATOR_ATTR);
        assertThat(Bodies.read(replaying.getBody())).isEqualTo(Bodies.bytes(CHAT));
        assertThat(Bodies.read(replaying.getBody())).as("a second replay, as a retry makes").isEqualTo(Bodies.bytes(CHAT));
    }

    @Test
    void aModelThatIsNotListedDoesNotMatch() {
        exchange = post("/v1/chat/completions", Bodies.bytes(CHAT), 64);

        assertThat(matches(predicate("llama-3-8b-instruct"))).isFalse();
    }

    @Test
    void severalModelPredicatesOnDifferentRoutesReadAndParseTheBodyOnce() {
        exchange = post("/v1/chat/completions", Bodies.bytes(CHAT), 16);

        assertThat(matches(predicate("llama-3-8b-instruct"))).isFalse();
        Object parsed = exchange.getAttribute(RequestModels.BODY_MODEL_ATTRIBUTE);
        assertThat(matches(predicate("qwen2-7b-instruct"))).isTrue();

        assertThat(bodyReads).hasValue(1);
        assertThat((Object) exchange.getAttribute(RequestModels.BODY_MODEL_ATTRIBUTE)).isSameAs(parsed);
    }

    @Test
    void aKServeInferencePathNamesTheModelWithoutReadingTheBody() {
        exchange = post("/v2/models/llama-3-8b-instruct/versions/2/infer", Bodies.bytes("{\"inputs\":[]}"), 64);

        assertThat(matches(predicate("llama-3-8b-instruct"))).isTrue();
        assertThat(bodyReads).hasValue(0);
    }

    @Test
    void aKServeBodyWithAModelFieldMatches() {
        exchange = post("/v2/infer", Bodies.bytes("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"BYTES\"}],\"model\":\"qwen2-7b-instruct\"}"), 64);

        assertThat(matches(predicate("qwen2-7b-instruct"))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not json at all", "{\"prompt\":\"hi\"}", "{\"model\":42}", "[\"qwen2-7b-instruct\"]",
        "{\"model\":\"qwen2-7b-instruct\",\"model\":\"other\"}", ""})
    void aBodyThatIsNotJsonOrNamesNoSingleStringModelDoesNotMatch(String body) {
        exchange = post("/v1/chat/completions", Bodies.bytes(body), 64);

        assertThat(matches(predicate("qwen2-7b-instruct"))).isFalse();
    }

    @Test
    void aConfiguredHeaderIsReadInsteadOfTheBody() {
        exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions").header("X-Model", " qwen2-7b-instruct ")
                .body(Bodies.chunked(Bodies.bytes("{\"model\":\"llama-3-8b-instruct\"}"), 64, bodyReads)));
        AsyncPredicate<ServerWebExchange> fromHeader = factory.applyAsync(new ModelRoutePredicateFactory.Config()
                .setModels(List.of("qwen2-7b-instruct")).setHeader("X-Model"));

        assertThat(matches(fromHeader)).isTrue();
        assertThat(bodyReads).hasValue(0);
    }

    @Test
    void aDeclaredBodyOverTheCapMatchesSoThatTheRouteAnswers413() {
        byte[] body = Bodies.chatOfSize("qwen2-7b-instruct", 2 * 1024 * 1024);
        exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions").contentLength(body.length)
                .body(Bodies.chunked(body, 64 * 1024, bodyReads)));

        assertThat(matches(predicate("llama-3-8b-instruct"))).isTrue();

        assertThat(bodyReads).hasValue(0);
        assertThatTheRouteAnswers413();
    }

    @Test
    void aChunkedBodyOverTheCapMatchesSoThatTheRouteAnswers413() {
        byte[] body = Bodies.chatOfSize("qwen2-7b-instruct", 2 * 1024 * 1024);
        exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions")
                .body(Bodies.chunked(body, 64 * 1024, bodyReads)));

        assertThat(matches(predicate("llama-3-8b-instruct"))).isTrue();

        assertThat(BodyRejection.recorded(exchange)).isPresent();
        assertThatTheRouteAnswers413();
        assertThat(matches(predicate("qwen2-7b-instruct"))).as("later routes' predicates do not read the body again").isTrue();
        assertThat(bodyReads).hasValue(1);
    }

    @Test
    void theShortFormListsTheModels() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put(NameUtils.generateName(0), "llama-3-8b-instruct");
        args.put(NameUtils.generateName(1), "qwen2-7b-instruct");

        assertThat(factory.shortcutType().normalize(args, factory, new SpelExpressionParser(), null))
                .isEqualTo(Map.of("models", List.of("llama-3-8b-instruct", "qwen2-7b-instruct")));
        assertThat(factory.shortcutFieldOrder()).containsExactly(ModelRoutePredicateFactory.MODELS_KEY);
        assertThat(factory.name()).isEqualTo("Model");
    }

    @Test
    void anInvalidConfigurationIsRejectedWithTheExpectedValue() {
        assertThatThrownBy(() -> new ModelRoutePredicateFactory.Config().toMatch())
                .hasMessage("models: [] (expected: at least one model name)");
        assertThatThrownBy(() -> new ModelRoutePredicateFactory.Config().setModels(List.of("a", " ")).toMatch())
                .hasMessage("models[1]: \" \" (expected: not blank)");
        assertThatThrownBy(() -> new ModelRoutePredicateFactory.Config().setModels(List.of("a")).setHeader("X Model").toMatch())
                .hasMessage("header: \"X Model\" (expected: a header name)");
    }

    private void assertThatTheRouteAnswers413() {
        Route route = Route.async().id("models").uri("lb://demo").predicate(e -> true).build();
        exchange.getAttributes().put(GATEWAY_ROUTE_ATTR, route);

        StepVerifier.create(new RequestBodyLimitFilter(LIMITS).filter(exchange, e -> Mono.empty()))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(RequestBodyTooLargeException.class)
                        .hasMessageContaining("exceeds the limit of 1048576 bytes"))
                .verify();
    }

    private AsyncPredicate<ServerWebExchange> predicate(String... models) {
        return factory.applyAsync(new ModelRoutePredicateFactory.Config().setModels(List.of(models)));
    }

    private boolean matches(AsyncPredicate<ServerWebExchange> predicate) {
        return Boolean.TRUE.equals(Mono.from(predicate.apply(exchange)).block());
    }

    private MockServerWebExchange post(String path, byte[] body, int chunk) {
        return MockServerWebExchange.from(MockServerHttpRequest.post(path).contentLength(body.length)
                .body(Bodies.chunked(body, chunk, bodyReads)));
    }
}
