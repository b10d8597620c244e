package dev.infergate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.infergate.sim.engine.FixedTimingEngine;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

final class SimServerTest {

    private static final String CHAT = """
            {"model":"llama-3-8b-instruct","messages":[{"role":"user","content":"Say hello"}],"max_tokens":6%s}""";

    private static SimServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = SimServer.start(SimServerSettings.onFreePort("sim-0", List.of("llama-3-8b-instruct"), 7),
                new FixedTimingEngine(Duration.ofMillis(5), Duration.ofMillis(1)));
        client = HttpClient.create().baseUrl(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clean() {
        server.faults().clear();
        server.stats().reset();
    }

    @Test
    void aChatCompletionReportsItsUsage() {
        Answer answer = post("/v1/chat/completions", CHAT.formatted(""));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body())
                .contains("\"object\":\"chat.completion\"", "\"model\":\"llama-3-8b-instruct\"",
                        "\"finish_reason\":\"length\"",
                        "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":6,\"total_tokens\":9}");
        assertThat(server.stats().completedCount()).isEqualTo(1);
        assertThat(server.stats().tokensEmitted()).isEqualTo(6);
    }

    @Test
    void aStreamSendsOneEventPerTokenThenFinishUsageAndDone() {
        String body = post("/v1/chat/completions", CHAT.formatted(",\"stream\":true,\"stream_options\":{\"include_usage\":true}")).body();

        List<String> events = List.of(body.split("\n\n"));
        assertThat(events).hasSize(6 + 3);
        assertThat(events.get(0)).startsWith("data: {").contains("\"role\":\"assistant\"", "chat.completion.chunk");
        assertThat(events.get(6)).contains("\"finish_reason\":\"length\"");
        assertThat(events.get(7)).contains("\"choices\":[]", "\"completion_tokens\":6");
        assertThat(events.get(8)).isEqualTo("data: [DONE]");
    }

    @Test
    void theSameRequestGivesAByteIdenticalStream() {
        String request = CHAT.formatted(",\"stream\":true");

        assertThat(post("/v1/chat/completions", request).body()).isEqualTo(post("/v1/chat/completions", request).body());
    }

    @Test
    void textCompletionsAndModelListWork() {
        assertThat(post("/v1/completions", "{\"model\":\"llama-3-8b-instruct\",\"prompt\":\"abc\",\"max_tokens\":2}").body())
                .contains("\"object\":\"text_completion\"", "\"completion_tokens\":2");
        assertThat(get("/v1/models")).contains("\"id\":\"llama-3-8b-instruct\"", "\"object\":\"list\"");
    }

    @Test
    void badRequestsGetOpenAiStyleErrors() {
        assertThat(post("/v1/chat/completions", "{not json")).satisfies(answer -> {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("\"type\":\"invalid_request_error\"", "could not parse the JSON body");
        });
        assertThat(post("/v1/chat/completions", "{\"model\":\"gpt-9\",\"messages\":[{\"content\":\"x\"}]}")).satisfies(answer -> {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body()).contains("\"code\":\"model_not_found\"", "gpt-9");
        });
        assertThat(post("/v1/chat/completions", "{\"model\":\"llama-3-8b-instruct\"}")).satisfies(answer -> {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("\"param\":\"messages\"");
        });
    }

    @Test
    void kserveReadinessAndInference() {
        assertThat(get("/v2/health/ready")).contains("true");
        Answer answer = post("/v2/models/llama-3-8b-instruct/infer",
                "{\"inputs\":[{\"name\":\"text_input\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\"hi\"]}],\"parameters\":{\"max_tokens\":3}}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"model_name\":\"llama-3-8b-instruct\"", "\"text_output\"");
        assertThat(post("/v2/models/unknown/infer", "{}").status()).isEqualTo(404);
    }

    @Test
    void injectedThrottleCarriesRetryAfter() {
        put("/sim/faults", "{\"throttleRate\":1.0,\"throttleStatus\":429,\"retryAfterSeconds\":7}");

        var response = client.post().uri("/v1/chat/completions")
                .send(Mono.just(Unpooled.copiedBuffer(CHAT.formatted(""), StandardCharsets.UTF_8)))
                .response().block();

        assertThat(response.status().code()).isEqualTo(429);
        assertThat(response.responseHeaders().get("Retry-After")).isEqualTo("7");
    }

    @Test
    void unknownFaultSwitchIsRejected() {
        Answer answer = put("/sim/faults", "{\"explode\":true}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("explode");
    }

    @Test
    void holdStopsAStreamAfterItsFirstEventUntilReleased() {
        server.faults().hold();
        List<String> received = new CopyOnWriteArrayList<>();
        Disposable stream = openStream(received);

        await().until(() -> String.join("", received).contains("\n\n"));
        assertThat(String.join("", received).split("\n\n")).hasSize(1);
        assertThat(server.stats().tokensEmitted()).isEqualTo(1);

        server.faults().release();
        await().until(() -> String.join("", received).contains("[DONE]"));
        assertThat(String.join("", received).split("\n\n")).hasSize(6 + 2);
        stream.dispose();
    }

    @Test
    void resetCutsTheConnectionAfterTheConfiguredEvents() {
        put("/sim/faults", "{\"resetAfterChunks\":3}");

        List<String> received = new CopyOnWriteArrayList<>();
        Throwable error = client.post().uri("/v1/chat/completions")
                .send(Mono.just(Unpooled.copiedBuffer(CHAT.formatted(",\"stream\":true"), StandardCharsets.UTF_8)))
                .response((meta, body) -> body.asString())
                .doOnNext(received::add)
                .then(Mono.<Throwable>empty())
                .onErrorResume(Mono::just)
                .block(Duration.ofSeconds(10));

        assertThat(String.join("", received).split("\n\n")).hasSize(3);
        assertThat(error).isNotNull();
    }

    @Test
    void aClientThatGoesAwayIsCountedAsCancelled() {
        server.faults().hold();
        List<String> received = new CopyOnWriteArrayList<>();
        Disposable stream = openStream(received);
        await().until(() -> !received.isEmpty());

        stream.dispose();

        await().until(() -> server.stats().cancelledCount() == 1);
        assertThat(server.stats().inFlight()).isZero();
    }

    private static Disposable openStream(List<String> received) {
        return client.post().uri("/v1/chat/completions")
                .send(Mono.just(Unpooled.copiedBuffer(CHAT.formatted(",\"stream\":true"), StandardCharsets.UTF_8)))
                .response((meta, body) -> body.asString())
                .subscribe(received::add);
    }

    private record Answer(int status, String body) {
    }

    private static Answer post(String path, String body) {
        return client.post().uri(path)
                .send(Mono.just(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8)))
                .responseSingle((meta, content) -> content.asString().defaultIfEmpty("")
                        .map(text -> new Answer(meta.status().code(), text)))
                .block(Duration.ofSeconds(10));
    }

    private static Answer put(String path, String body) {
        return client.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json")).put().uri(path)
                .send(Mono.just(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8)))
                .responseSingle((meta, content) -> content.asString().defaultIfEmpty("")
                        .map(text -> new Answer(meta.status().code(), text)))
                .block(Duration.ofSeconds(10));
    }

    private static String get(String path) {
        return client.get().uri(path).responseSingle((meta, content) -> content.asString()).block(Duration.ofSeconds(10));
    }
}
