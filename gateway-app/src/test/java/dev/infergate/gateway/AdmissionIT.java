package dev.infergate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.infergate.gateway.limits.LiveAdmissionSettings;
import dev.infergate.routing.admission.Limiter;
import dev.infergate.routing.core.admission.ApiKeyHash;
import dev.infergate.routing.core.admission.LimitDefinition;
import dev.infergate.sim.SimServer;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** Tenants by API key, request limits and token limits reconciled with the real usage, over real sockets. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "logging.level.dev.infergate.routing.admission=DEBUG"})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
final class AdmissionIT {

    static final String ACME_KEY = "sk-acme-6f1d0c2a9b7e44c1";
    static final String GLOBEX_KEY = "sk-globex-1a2b3c4d5e6f7081";
    static final String JSON_KEY = "sk-json-a9b8c7d6e5f4a3b2";
    static final String STREAM_KEY = "sk-stream-0f9e8d7c6b5a4938";
    static final String CUT_KEY = "sk-cut-5566778899aabbcc";
    static final String UNKNOWN_KEY = "sk-nobody-0000111122223333";
    static final List<String> KEYS = List.of(ACME_KEY, GLOBEX_KEY, JSON_KEY, STREAM_KEY, CUT_KEY, UNKNOWN_KEY);
    static final long TOKEN_LIMIT = 100_000;
    /** 26 characters: ceil(26 / 4) = 7 prompt tokens for the gateway's estimate and for the simulator. */
    static final String PROMPT = "Tell me about rate limits.";

    private static SimServer sim;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int adminPort;

    @Autowired
    Limiter limiter;

    @Autowired
    LiveAdmissionSettings settings;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        sim = Upstreams.simulator("limited", 71);
        registry.add("infergate.seed", () -> Upstreams.seed("""
                pools:
                  - {name: sim, static: ["%s"]}
                routes:
                  - id: chat
                    uri: lb://sim
                    predicates: ["Path=/v1/**"]
                    filters: [{name: Admission, args: {key: required}}]
                sections:
                  tenants:
                    plans:
                      hourly: {priority: standard, limits: [five-per-hour]}
                      metered: {priority: standard, limits: [tokens]}
                    tenants:
                      acme: {plan: hourly, keys: ["%s"]}
                      globex: {plan: hourly, keys: ["%s"]}
                      json-user: {plan: metered, keys: ["%s"]}
                      stream-user: {plan: metered, keys: ["%s"]}
                      cut-user: {plan: metered, keys: ["%s"]}
                  limits:
                    default-max-tokens: 64
                    definitions:
                      five-per-hour: {per: tenant, bandwidths: [{capacity: 5, period: 1h}]}
                      tokens: {unit: tokens, per: tenant, bandwidths: [{capacity: %d, period: 1h, kind: intervally}]}
                """.formatted(sim.address(), hash(ACME_KEY), hash(GLOBEX_KEY), hash(JSON_KEY), hash(STREAM_KEY), hash(CUT_KEY),
                TOKEN_LIMIT)).toString());
    }

    private static String hash(String key) {
        return ApiKeyHash.of(key).value();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private HttpClient client(String key) {
        return HttpClient.create().baseUrl("http://127.0.0.1:" + port).headers(h -> h.set("Authorization", "Bearer " + key));
    }

    private static String chat(String extra) {
        return "{\"model\":\"" + Upstreams.MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]" + extra + "}";
    }

    private long remainingTokens(String tenant) {
        LimitDefinition tokens = settings.get().limits().limit("tokens").orElseThrow();
        return limiter.adjust("t:" + tenant, tokens, 0, 1).block(Exchange.TIMEOUT).available().get(0);
    }

    @Test
    void aTenantAtFivePerHourGetsExactlyFiveThenProblemsWithHeadersWhileOthersAreUnaffected(CapturedOutput output) {
        for (int i = 1; i <= 5; i++) {
            Exchange ok = Exchange.post(client(ACME_KEY), "/v1/chat/completions", chat(",\"max_tokens\":2"));
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.headers().get("RateLimit-Policy")).isEqualTo("\"five-per-hour\";q=5;w=3600");
            assertThat(ok.headers().get("RateLimit")).isEqualTo("\"five-per-hour\";r=" + (5 - i) + ";t=" + (720 * i));
        }
        Exchange limited = Exchange.post(client(ACME_KEY), "/v1/chat/completions", chat(",\"max_tokens\":2"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).isEqualTo("application/problem+json");
        // One token comes back 720 s after the first was taken: the wait shrinks by the seconds the test took.
        long retryAfter = Long.parseLong(limited.headers().get("Retry-After"));
        assertThat(retryAfter).isBetween(700L, 720L);
        assertThat(limited.headers().get("RateLimit-Policy")).isEqualTo("\"five-per-hour\";q=5;w=3600");
        assertThat(limited.headers().get("RateLimit")).isEqualTo("\"five-per-hour\";r=0;t=3600");
        assertThat(limited.body()).contains("\"status\":429")
                .contains("Limit \\\"five-per-hour\\\" (tenant, requests) is exhausted; retry after " + retryAfter + " s.");

        Exchange other = Exchange.post(client(GLOBEX_KEY), "/v1/chat/completions", chat(",\"max_tokens\":2"));
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.headers().get("RateLimit")).isEqualTo("\"five-per-hour\";r=4;t=720");

        Exchange unknown = Exchange.post(client(UNKNOWN_KEY), "/v1/chat/completions", chat(""));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.contentType()).isEqualTo("application/problem+json");
        assertThat(unknown.body()).contains("The API key is not valid.");
        assertThat(unknown.headers().get("WWW-Authenticate")).isEqualTo("Bearer");

        Exchange missing = Exchange.post(HttpClient.create().baseUrl("http://127.0.0.1:" + port), "/v1/chat/completions", chat(""));
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.body()).contains("The request carries no API key");

        String metrics = Exchange.get(HttpClient.create(), "http://127.0.0.1:" + adminPort + "/actuator/prometheus").body();
        assertThat(metrics).contains("infergate_ratelimit_decisions_total{limit=\"five-per-hour\",outcome=\"limited\"}");
        for (String key : KEYS) {
            assertThat(limited.body() + unknown.body() + missing.body()).doesNotContain(key);
            assertThat(metrics).doesNotContain(key).doesNotContain(hash(key));
            assertThat(output.getAll()).doesNotContain(key);
        }
    }

    @Test
    void aJsonCompletionIsChargedItsReportedUsage() {
        Exchange answer = Exchange.post(client(JSON_KEY), "/v1/chat/completions", chat(""));
        assertThat(answer.status()).isEqualTo(200);
        // Estimated 7 + 64 (the configured default), the simulator answers its own default of 16 tokens.
        assertThat(answer.headers().get("RateLimit")).isEqualTo("\"tokens\";r=" + (TOKEN_LIMIT - 71) + ";t=3600");
        long used = totalTokens(answer.body());
        assertThat(used).isEqualTo(7 + 16);
        await().atMost(Duration.ofSeconds(5)).until(() -> remainingTokens("json-user") == TOKEN_LIMIT - used);
    }

    @Test
    void aStreamedCompletionIsChargedTheUsageOfItsFinalChunk() {
        Exchange answer = Exchange.post(client(STREAM_KEY), "/v1/chat/completions",
                chat(",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/event-stream");
        assertThat(answer.headers().get("RateLimit")).isEqualTo("\"tokens\";r=" + (TOKEN_LIMIT - 71) + ";t=3600");
        long used = totalTokens(answer.body());
        assertThat(used).isEqualTo(7 + 16);
        await().atMost(Duration.ofSeconds(5)).until(() -> remainingTokens("stream-user") == TOKEN_LIMIT - used);
    }

    @Test
    void aStreamAbortedByTheClientIsChargedForTheTokensForwarded() throws InterruptedException {
        sim.stats().reset();
        sim.faults().hold();
        try {
            List<String> received = new ArrayList<>();
            CountDownLatch firstChunk = new CountDownLatch(1);
            String body = chat(",\"max_tokens\":50,\"stream\":true");
            Disposable stream = client(CUT_KEY).post().uri("/v1/chat/completions")
                    .send(Mono.fromSupplier(() -> Unpooled.copiedBuffer(body, StandardCharsets.UTF_8)))
                    .responseContent().asString()
                    .subscribe(chunk -> {
                        received.add(chunk);
                        firstChunk.countDown();
                    });
            assertThat(firstChunk.await(10, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> sim.stats().tokensEmitted() >= 1);
            long clientTokens = String.join("", received).split("\"content\":\"", -1).length - 1;
            stream.dispose();

            long estimate = 7 + 50;
            await().atMost(Duration.ofSeconds(10)).until(() -> remainingTokens("cut-user") > TOKEN_LIMIT - estimate);
            long charged = TOKEN_LIMIT - remainingTokens("cut-user");
            long emitted = sim.stats().tokensEmitted();
            assertThat(charged).isBetween(7 + clientTokens, 7 + emitted);
            assertThat(charged).isEqualTo(7 + 1);
        } finally {
            sim.faults().release();
        }
    }

    @Test
    void aClearKeyInTheTenantsSectionIsRefusedWithoutBeingRepeated() {
        AdminClient admin = AdminClient.operator(adminPort);
        Exchange current = admin.get("/sections/tenants");
        assertThat(current.status()).isEqualTo(200);
        Exchange refused = admin.write(io.netty.handler.codec.http.HttpMethod.PUT, "/sections/tenants", """
                {"plans": {"hourly": {"limits": ["five-per-hour"]}},
                 "tenants": {"acme": {"plan": "hourly", "keys": ["%s"]}}}""".formatted(ACME_KEY), current.headers().get("ETag"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("/tenants/acme/keys/0").contains("not an API key hash").doesNotContain(ACME_KEY);

        Exchange limits = admin.get("/sections/limits");
        Exchange invalid = admin.write(io.netty.handler.codec.http.HttpMethod.PUT, "/sections/limits", """
                {"definitions": {"x": {"unit": "bytes", "bandwidths": [{"capacity": 0, "period": "1 hour"}]}}}""",
                limits.headers().get("ETag"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body()).contains("unit \\\"bytes\\\"; expected one of [requests, tokens]")
                .contains("capacity 0; expected a whole number from 1 to")
                .contains("period 1 hour; expected a whole number and a unit: 500ms, 1s, 5m, 1h, 1d");
    }

    private static long totalTokens(String body) {
        Matcher matcher = Pattern.compile("\"total_tokens\":(\\d+)").matcher(body);
        assertThat(matcher.find()).as("usage in %s", body).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
