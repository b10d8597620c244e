package dev.infergate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.infergate.sim.engine.QueueingEngine;
import dev.infergate.sim.model.ServerSpec;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** A server timed by the queueing model, observed over real sockets through its metrics. */
final class QueueingServerTest {

    private static final int PROMPT_CHARS = 400; // 100 prompt tokens
    private static final int MAX_TOKENS = 4_000;

    private SimServer server;
    private HttpClient client;
    private final List<Disposable> streams = new ArrayList<>();

    @BeforeEach
    void start() {
        ServerSpec spec = ServerSpec.builder().name("q-0").models("llama-3-8b-instruct")
                .maxBatch(32).kvCacheTokens(1_000_000).build();
        server = SimServer.start(new SimServerSettings(spec.name(), spec.models(), spec.seed(), spec.defaultMaxTokens(),
                SimServerSettings.LOOPBACK, 0), new QueueingEngine(spec));
        client = HttpClient.create().baseUrl(server.baseUrl());
    }

    @AfterEach
    void stop() {
        streams.forEach(Disposable::dispose);
        server.close();
    }

    @Test
    void fortyConcurrentStreamsOnThirtyTwoSlotsShowThirtyTwoRunningAndEightWaiting() {
        for (int i = 0; i < 40; i++) {
            streams.add(client.post().uri("/v1/completions")
                    .send(Mono.fromSupplier(() -> Unpooled.copiedBuffer(
                            "{\"model\":\"llama-3-8b-instruct\",\"prompt\":\"" + "p".repeat(PROMPT_CHARS)
                                    + "\",\"max_tokens\":" + MAX_TOKENS + ",\"stream\":true}", StandardCharsets.UTF_8)))
                    .response((response, body) -> body.asString())
                    .subscribe());
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> metric("vllm:num_requests_waiting") == 8);
        String metrics = metrics();
        assertThat(value(metrics, "vllm:num_requests_running")).isEqualTo(32);
        assertThat(value(metrics, "vllm:num_requests_waiting")).isEqualTo(8);
        assertThat(value(metrics, "vllm:kv_cache_usage_perc")).isEqualTo(32.0 * (100 + MAX_TOKENS) / 1_000_000);
        assertThat(metrics).contains("model_name=\"llama-3-8b-instruct\"", "# TYPE vllm:time_to_first_token_seconds histogram");
    }

    @Test
    void aLoadReportIsAttachedWhenTheClientAsksForIt() {
        var headers = client.headers(h -> h.set("endpoint-load-metrics-format", "TEXT")).get().uri("/v1/models").response()
                .block(Duration.ofSeconds(10)).responseHeaders();
        // /v1/models is not an inference call; the report rides on completions
        assertThat(headers.get("endpoint-load-metrics")).isNull();

        String report = client.headers(h -> h.set("endpoint-load-metrics-format", "TEXT")).post().uri("/v1/completions")
                .send(Mono.fromSupplier(() -> Unpooled.copiedBuffer(
                        "{\"model\":\"llama-3-8b-instruct\",\"prompt\":\"hi\",\"max_tokens\":2}", StandardCharsets.UTF_8)))
                .response().block(Duration.ofSeconds(10)).responseHeaders().get("endpoint-load-metrics");
        assertThat(report).startsWith("TEXT cpu_utilization=").contains("named_metrics.queue=");
    }

    @Test
    void theSpeedSwitchChangesTheServersSpeedAtRuntime() {
        String faults = client.post().uri("/sim/faults")
                .send(Mono.fromSupplier(() -> Unpooled.copiedBuffer("{\"speed\":0.5}", StandardCharsets.UTF_8)))
                .responseSingle((response, body) -> body.asString()).block(Duration.ofSeconds(10));

        assertThat(faults).contains("\"speed\":0.5");
        assertThat(server.engine().speed()).isEqualTo(0.5);
    }

    @Test
    void aRequestThatCanNeverFitIsRefusedWith400() {
        String answer = client.post().uri("/v1/completions")
                .send(Mono.fromSupplier(() -> Unpooled.copiedBuffer(
                        "{\"model\":\"llama-3-8b-instruct\",\"prompt\":\"hi\",\"max_tokens\":2000000}", StandardCharsets.UTF_8)))
                .responseSingle((response, body) -> body.asString().map(text -> response.status().code() + " " + text))
                .block(Duration.ofSeconds(10));

        assertThat(answer).startsWith("400 ").contains("holds at most 1000000");
    }

    private double metric(String name) {
        return value(metrics(), name);
    }

    private String metrics() {
        return client.get().uri("/metrics").responseSingle((response, body) -> body.asString()).block(Duration.ofSeconds(10));
    }

    private static double value(String metrics, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*} (\\S+)$").matcher(metrics);
        assertThat(matcher.find()).as("%s in %s", name, metrics).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
