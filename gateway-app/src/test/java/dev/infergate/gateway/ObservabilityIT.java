package dev.infergate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.infergate.sim.SimServer;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** Meters with bounded tags and the access log, after real traffic over real sockets. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "logging.level.infergate.access=INFO"})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
final class ObservabilityIT {

    private static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"content\":\"hi\"}],\"max_tokens\":4%s}";

    private static SimServer chat;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int adminPort;

    @Autowired
    LoggingSystem logging;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        chat = Upstreams.simulator("observed", 91);
        registry.add("infergate.seed", () -> Upstreams.seed("""
                pools:
                  - {name: chat, static: ["%s"]}
                  - {name: dead, static: ["127.0.0.1:%d"]}
                routes:
                  - {id: openai, uri: "lb://chat", predicates: ["Path=/v1/**"]}
                  - {id: dead, uri: "lb://dead", predicates: ["Path=/dead/**"]}
                """.formatted(chat.address(), Upstreams.refusedPort())).toString());
    }

    @AfterAll
    static void stop() {
        chat.close();
    }

    private HttpClient gateway() {
        return HttpClient.newConnection().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30));
    }

    @Test
    void metersCarryExactBoundedTagsAndInventedPathsOrModelsAddNoSeries() {
        warmUp();
        String endpoint = chat.address();
        await().untilAsserted(() -> assertThat(scrape())
                .contains("infergate_requests_seconds_count{destination=\"none\",endpoint=\"" + endpoint
                        + "\",model=\"llama-3-8b-instruct\",outcome=\"2xx\",pool=\"chat\",route=\"openai\"} ")
                .contains("infergate_requests_seconds_count{destination=\"none\",endpoint=\"none\",model=\"none\",outcome=\"no-route\",pool=\"none\",route=\"none\"} 1")
                .contains("outcome=\"upstream-unavailable\",pool=\"dead\",route=\"dead\"} 1")
                .contains("infergate_requests_seconds_count{destination=\"none\",endpoint=\"" + endpoint
                        + "\",model=\"none\",outcome=\"4xx\",pool=\"chat\",route=\"openai\"} ")
                .contains("infergate_tokens_total{direction=\"output\",model=\"llama-3-8b-instruct\",route=\"openai\"} ")
                .contains("infergate_tokens_total{direction=\"input\",model=\"llama-3-8b-instruct\",route=\"openai\"} ")
                .contains("infergate_time_to_first_byte_seconds_count{destination=\"none\",endpoint=\"" + endpoint
                        + "\",pool=\"chat\",route=\"openai\"}")
                .contains("infergate_stream_event_gap_seconds_count{route=\"openai\"}")
                .contains("infergate_requests_active{route=\"openai\"} 0.0"));
        Set<String> before = series();

        // The bulk is about cardinality, not buffers: paranoid leak tracking (a stack trace per buffer
        // access) would make 10 000 requests take minutes, so it samples during the bulk only.
        logging.setLogLevel("infergate.access", LogLevel.WARN);
        ResourceLeakDetector.Level leakLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        try {
            List<Integer> statuses = Flux.range(0, 10_000)
                    .flatMap(i -> i % 2 == 0
                            ? get("/unknown/" + i)
                            : post("/v1/chat/completions", CHAT.formatted("invented-" + i, "")), 16)
                    .collectList().block(Duration.ofMinutes(5));
            assertThat(statuses).hasSize(10_000).containsOnly(404);
        } finally {
            ResourceLeakDetector.setLevel(leakLevel);
            logging.setLogLevel("infergate.access", LogLevel.INFO);
        }

        assertThat(series()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void everyRequestLeavesOneAccessLogLineWithoutCredentials(CapturedOutput output) {
        Mono<Integer> secretRequest = gateway()
                .headers(h -> h.set("Authorization", "Bearer sk-secret-123").set("X-Api-Key", "key-secret-456")
                        .set("Cookie", "session=cookie-secret-789"))
                .post().uri("/v1/chat/completions?api_key=query-secret-000")
                .send(Mono.fromSupplier(() -> Unpooled.copiedBuffer(CHAT.formatted("llama-3-8b-instruct", ""), StandardCharsets.UTF_8)))
                .responseSingle((response, body) -> body.then(Mono.just(response.status().code())));

        assertThat(secretRequest.block(Duration.ofSeconds(10))).isEqualTo(200);

        await().until(() -> output.getOut().contains("\"route\":\"openai\",\"destination\":\"none\",\"pool\":\"chat\""));
        String line = output.getOut().lines().filter(each -> each.contains("\"path\":\"/v1/chat/completions\"")).findFirst().orElseThrow();
        assertThat(line).contains("\"method\":\"POST\"", "\"status\":200", "\"outcome\":\"2xx\"", "\"tokensOut\":4",
                "\"endpoint\":\"" + chat.address() + "\"", "\"ttfbMs\":", "\"totalMs\":", "\"retries\":0");
        assertThat(output.getOut()).doesNotContain("sk-secret-123", "key-secret-456", "cookie-secret-789", "query-secret-000");
    }

    @Test
    void everyMetricTheDashboardAndAlertRulesUseExistsInARealScrape() throws IOException {
        warmUp();
        String dashboards = Files.readString(Path.of("..", "k8s", "observability", "grafana-dashboard.json"))
                + Files.readString(Path.of("..", "k8s", "observability", "alert-rules.yaml"));
        Set<String> used = new TreeSet<>();
        Matcher names = Pattern.compile("infergate_[a-z_]+").matcher(dashboards);
        while (names.find()) {
            used.add(names.group());
        }
        assertThat(used).hasSizeGreaterThan(5);

        await().untilAsserted(() -> {
            String scrape = scrape();
            assertThat(used).allSatisfy(name -> assertThat(scrape).as(name).containsPattern("(?m)^" + name + "[{ ]"));
        });
    }

    private void warmUp() {
        assertThat(post("/v1/chat/completions", CHAT.formatted("llama-3-8b-instruct", ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"))
                .block()).isEqualTo(200);
        assertThat(post("/v1/chat/completions", CHAT.formatted("llama-3-8b-instruct", "")).block()).isEqualTo(200);
        assertThat(post("/v1/chat/completions", CHAT.formatted("invented-model", "")).block()).isEqualTo(404);
        assertThat(get("/dead/v1/models").block()).isEqualTo(502);
        assertThat(get("/unknown").block()).isEqualTo(404);
    }

    private Mono<Integer> get(String path) {
        return gateway().get().uri(path).responseSingle((response, body) -> body.then(Mono.just(response.status().code())));
    }

    private Mono<Integer> post(String path, String body) {
        return gateway().post().uri(path)
                .send(Mono.fromSupplier(() -> Unpooled.copiedBuffer(body, StandardCharsets.UTF_8)))
                .responseSingle((response, content) -> content.then(Mono.just(response.status().code())));
    }

    private String scrape() {
        return Exchange.get(HttpClient.newConnection().baseUrl("http://127.0.0.1:" + adminPort), "/actuator/prometheus").body();
    }

    /** Every infergate_ series of a scrape, by name and tags (so a failure names the new ones). */
    private Set<String> series() {
        Matcher series = Pattern.compile("(?m)^infergate_[^ ]+").matcher(scrape());
        Set<String> names = new TreeSet<>();
        while (series.find()) {
            names.add(series.group());
        }
        return names;
    }
}
