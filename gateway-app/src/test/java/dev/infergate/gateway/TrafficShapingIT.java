package dev.infergate.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.infergate.sim.SimServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** Weighted destinations edited live, model routing and aliases, and mirroring, over real sockets. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@DirtiesContext
final class TrafficShapingIT {

    private static final String CHAT = "{\"model\":\"llama-3-8b-instruct\",\"messages\":[{\"content\":\"hi\"}],\"max_tokens\":2}";

    private static SimServer stable;
    private static SimServer canary;
    private static SimServer shadow;
    private static WireMockServer llama;
    private static WireMockServer qwen;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int adminPort;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        stable = Upstreams.simulator("stable", 61);
        canary = Upstreams.simulator("canary", 62);
        shadow = Upstreams.simulator("shadow", 63);
        llama = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        qwen = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        llama.start();
        qwen.start();
        registry.add("infergate.seed", () -> Upstreams.seed("""
                pools:
                  - {name: stable, static: ["%s"]}
                  - {name: canary, static: ["%s"]}
                  - {name: shadow, static: ["%s"]}
                  - {name: llama, static: ["127.0.0.1:%d"]}
                  - {name: qwen, static: ["127.0.0.1:%d"]}
                routes:
                  - id: split
                    uri: lb://stable
                    predicates: ["Path=/split/**"]
                    filters: ["StripPrefix=1"]
                    split:
                      destinations:
                        - {name: stable, uri: "lb://stable", weight: 100}
                        - {name: canary, uri: "lb://canary", weight: 0}
                      sticky: {source: header, name: X-User}
                  - {id: llama, uri: "lb://llama", predicates: ["Path=/models/**", "Model=llama-3"]}
                  - {id: qwen, uri: "lb://qwen", predicates: ["Path=/models/**", "Model=qwen2"]}
                  - id: alias
                    uri: lb://llama
                    predicates: ["Path=/alias/**"]
                    filters: ["ModelAlias=llama-3,llama-3-8b-instruct-v2"]
                  - id: mirrored
                    uri: lb://stable
                    predicates: ["Path=/mirrored/**"]
                    filters: ["StripPrefix=1", {name: Mirror, args: {uri: "lb://shadow", percent: "100", maxInFlight: "3"}}]
                """.formatted(stable.address(), canary.address(), shadow.address(), llama.port(), qwen.port())).toString());
    }

    @AfterAll
    static void stop() {
        stable.close();
        canary.close();
        shadow.close();
        llama.stop();
        qwen.stop();
    }

    @BeforeEach
    void reset() {
        for (SimServer server : List.of(stable, canary, shadow)) {
            server.faults().clear();
            server.stats().reset();
        }
        llama.resetAll();
        qwen.resetAll();
        for (WireMockServer server : List.of(llama, qwen)) {
            server.stubFor(post(urlEqualTo("/models/v1/chat/completions")).willReturn(aResponse().withStatus(200).withBody("{}")));
            server.stubFor(post(urlEqualTo("/alias/v1/chat/completions")).willReturn(aResponse().withStatus(200).withBody("{}")));
        }
    }

    private HttpClient gateway() {
        return HttpClient.newConnection().baseUrl("http://127.0.0.1:" + port);
    }

    @Test
    void livePatchesOfTheWeightsShiftRealTrafficWithNoFailedRequest() {
        assertThat(phase(0)).isZero();
        whileTrafficFlows(() -> patchWeights(50, 50));
        assertThat(phase(50)).isBetween(300 - 57, 300 + 57); // chi-square, 99.9 %, of 600 keys at 50/50
        whileTrafficFlows(() -> patchWeights(0, 100));
        assertThat(phase(100)).isEqualTo(600);
    }

    /**
     * Applies a change while requests with fresh keys keep flowing; none of them may fail. The
     * flow is stopped by letting it run out, not by cancelling, so no straggler reaches the
     * upstreams after it.
     */
    private void whileTrafficFlows(Runnable change) {
        AtomicBoolean flowing = new AtomicBoolean(true);
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger key = new AtomicInteger();
        Mono<List<Integer>> background = Flux.interval(Duration.ofMillis(2)).onBackpressureDrop()
                .takeWhile(tick -> flowing.get())
                .flatMap(tick -> split("bg-" + key.incrementAndGet()).onErrorReturn(-1).doOnNext(status -> completed.incrementAndGet()), 4)
                .collectList()
                .cache();
        background.subscribe();
        await().until(() -> completed.get() >= 20);
        change.run();
        int afterChange = completed.get();
        await().until(() -> completed.get() >= afterChange + 20);
        flowing.set(false);
        assertThat(background.block(Duration.ofSeconds(30))).containsOnly(200);
    }

    /** 600 requests with fresh keys; how many the canary received. */
    private int phase(int canaryWeight) {
        long before = canary.stats().receivedCount();
        List<Integer> statuses = Flux.range(0, 600).flatMap(i -> split("phase-" + canaryWeight + "-" + i), 8).collectList()
                .block(Duration.ofSeconds(60));
        assertThat(statuses).containsOnly(200);
        return (int) (canary.stats().receivedCount() - before);
    }

    private Mono<Integer> split(String user) {
        return gateway().headers(h -> h.set("X-User", user)).post().uri("/split/v1/chat/completions")
                .send(Mono.fromSupplier(() -> Unpooled.copiedBuffer(CHAT, StandardCharsets.UTF_8)))
                .responseSingle((response, body) -> body.then(Mono.just(response.status().code())));
    }

    private void patchWeights(int stableWeight, int canaryWeight) {
        AdminClient admin = AdminClient.operator(adminPort);
        String etag = admin.get("/routes/split").headers().get("ETag");
        Exchange patched = admin.write(HttpMethod.PATCH, "/routes/split", """
                {"split": {"destinations": [{"name": "stable", "uri": "lb://stable", "weight": %d},
                                            {"name": "canary", "uri": "lb://canary", "weight": %d}]}}"""
                .formatted(stableWeight, canaryWeight), etag);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    }

    @Test
    void theChosenDestinationIsEchoedAndAnInvalidWeightIsRefused() {
        Exchange answer = Exchange.post(gateway().headers(h -> h.set("X-User", "echo")), "/split/v1/chat/completions", CHAT);
        assertThat(answer.headers().get("X-Infergate-Variant")).isIn("stable", "canary");

        AdminClient admin = AdminClient.operator(adminPort);
        Exchange refused = admin.write(HttpMethod.PATCH, "/routes/split",
                "{\"split\": {\"destinations\": [{\"name\": \"stable\", \"uri\": \"lb://stable\", \"weight\": -5}]}}",
                admin.get("/routes/split").headers().get("ETag"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("\"pointer\":\"/split/destinations/0/weight\"");
    }

    @Test
    void twoModelsOnOnePathReachTwoPoolsWithTheBodyByteIdentical() {
        String llamaBody = "{\"model\": \"llama-3\",  \"messages\": [{\"content\": \"caf\u00e9\"}]}";
        String qwenBody = "{\"messages\":[],\"model\":\"qwen2\"}";

        assertThat(Exchange.post(gateway(), "/models/v1/chat/completions", llamaBody).status()).isEqualTo(200);
        assertThat(Exchange.post(gateway(), "/models/v1/chat/completions", qwenBody).status()).isEqualTo(200);

        llama.verify(1, postRequestedFor(urlEqualTo("/models/v1/chat/completions"))
                .withRequestBody(binaryEqualTo(llamaBody.getBytes(StandardCharsets.UTF_8))));
        qwen.verify(1, postRequestedFor(urlEqualTo("/models/v1/chat/completions"))
                .withRequestBody(binaryEqualTo(qwenBody.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aTwoMebibyteBodyIs413DeclaredAndChunked() {
        String big = "{\"model\":\"llama-3\",\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertThat(Exchange.post(gateway(), "/models/v1/chat/completions", big).status()).isEqualTo(413);

        Flux<ByteBuf> chunks = Flux.range(0, 32).map(i -> Unpooled.wrappedBuffer(new byte[64 * 1024]));
        int chunkedStatus = gateway().post().uri("/models/v1/chat/completions").send(chunks)
                .responseSingle((response, body) -> body.then(Mono.just(response.status().code()))).block(Exchange.TIMEOUT);
        assertThat(chunkedStatus).isEqualTo(413);
    }

    @Test
    void anAliasedModelReachesTheUpstreamRenamedWithACorrectContentLength() {
        String body = "{\"model\":\"llama-3\",\"messages\":[{\"content\":\"x\"}]}";
        String expected = body.replace("\"llama-3\"", "\"llama-3-8b-instruct-v2\"");

        assertThat(Exchange.post(gateway(), "/alias/v1/chat/completions", body).status()).isEqualTo(200);

        llama.verify(1, postRequestedFor(urlEqualTo("/alias/v1/chat/completions"))
                .withHeader("Content-Length", equalTo(Integer.toString(expected.getBytes(StandardCharsets.UTF_8).length)))
                .withRequestBody(binaryEqualTo(expected.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aHangingShadowNeitherDelaysPrimariesNorExceedsItsBound() {
        shadow.faults().set(shadow.faults().current().withHang(true));

        List<Integer> statuses = Flux.range(0, 20)
                .concatMap(i -> gateway().post().uri("/mirrored/v1/chat/completions")
                        .send(Mono.fromSupplier(() -> Unpooled.copiedBuffer(CHAT, StandardCharsets.UTF_8)))
                        .responseSingle((response, body) -> body.then(Mono.just(response.status().code()))))
                .collectList().block(Duration.ofSeconds(30));

        assertThat(statuses).hasSize(20).containsOnly(200);
        await().until(() -> shadow.stats().receivedCount() >= 1);
        assertThat(shadow.stats().receivedCount()).isLessThanOrEqualTo(3);
        String prometheus = Exchange.get(HttpClient.newConnection().baseUrl("http://127.0.0.1:" + adminPort), "/actuator/prometheus").body();
        assertThat(prometheus).contains("infergate_mirror_dropped_total");
    }
}
