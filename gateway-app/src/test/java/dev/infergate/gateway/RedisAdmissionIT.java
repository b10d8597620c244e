package dev.infergate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.infergate.gateway.limits.LiveAdmissionSettings;
import dev.infergate.routing.admission.Limiter;
import dev.infergate.routing.core.admission.ApiKeyHash;
import dev.infergate.routing.core.admission.LimitDefinition;
import dev.infergate.sim.SimServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.netty.http.client.HttpClient;

/**
 * Two gateway instances sharing one real Redis: one limit across both, each limit's failure
 * policy while Redis is down, and a fresh start after Redis comes back empty.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class RedisAdmissionIT {

    static final String SHARED_KEY = "sk-shared-91a2b3c4d5e6f708";
    static final String CLOSED_KEY = "sk-closed-0a1b2c3d4e5f6071";
    static final String PROBE_KEY = "sk-probe-1f2e3d4c5b6a7988";
    static final String METERED_KEY = "sk-metered-77aa88bb99cc00dd";
    static final String BODY = "{\"model\":\"" + Upstreams.MODEL + "\",\"messages\":[{\"content\":\"hi\"}],\"max_tokens\":1}";

    private static SimServer sim;
    private static RedisServer redis;
    private static String seed;
    private static List<ConfigurableApplicationContext> gateways;

    @BeforeAll
    static void start() {
        sim = Upstreams.simulator("redis-limited", 81);
        redis = RedisServer.start();
        seed = Upstreams.seed("""
                pools: [{name: sim, static: ["%s"]}]
                routes:
                  - {id: chat, uri: "lb://sim", predicates: ["Path=/v1/**"], filters: [{name: Admission, args: {key: required}}]}
                sections:
                  tenants:
                    plans:
                      open: {limits: [shared-open]}
                      closed: {limits: [shared-closed]}
                      probe: {limits: [probe]}
                      metered: {limits: [tokens]}
                    tenants:
                      metered: {plan: metered, keys: ["%s"]}
                      shared: {plan: open, keys: ["%s"]}
                      closed: {plan: closed, keys: ["%s"]}
                      probe: {plan: probe, keys: ["%s"]}
                  limits:
                    replicas: 2
                    definitions:
                      shared-open: {failure: fail-open, bandwidths: [{capacity: 5, period: 1h}]}
                      shared-closed: {failure: fail-closed, bandwidths: [{capacity: 5, period: 1h}]}
                      probe: {failure: fail-open, bandwidths: [{capacity: 1000, period: 1h}]}
                      tokens: {unit: tokens, bandwidths: [{capacity: 100000, period: 1h, kind: intervally}]}
                """.formatted(sim.address(), hash(METERED_KEY), hash(SHARED_KEY), hash(CLOSED_KEY), hash(PROBE_KEY))).toString();
        gateways = new java.util.ArrayList<>(List.of(gateway(seed), gateway(seed)));
        // The first bucket operations load classes and open Lettuce's pipeline; a loaded machine can
        // take longer than the command timeout for them, which would be a fallback decision.
        for (int gateway = 0; gateway < gateways.size(); gateway++) {
            int warming = gateway;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> send(warming, PROBE_KEY).headers().get("Infergate-RateLimit-Fallback") == null);
        }
    }

    private static ConfigurableApplicationContext gateway(String seed) {
        return new SpringApplicationBuilder(InfergateApplication.class).run("--server.port=0", "--management.server.port=0",
                "--infergate.seed=" + seed, "--infergate.ratelimit.store=redis", "--infergate.ratelimit.redis-uri=" + redis.uri(),
                "--infergate.ratelimit.command-timeout=100ms");
    }

    @AfterAll
    static void stop() {
        gateways.forEach(ConfigurableApplicationContext::close);
        redis.close();
        sim.close();
    }

    @Test
    @Order(5)
    void aGatewayStartsAndServesByItsFailurePoliciesWhileRedisIsAway() {
        redis.stop();
        gateways.add(gateway(seed));
        Exchange open = send(2, SHARED_KEY);
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.headers().get("Infergate-RateLimit-Fallback")).isEqualTo("shared-open");
        assertThat(send(2, CLOSED_KEY).status()).isEqualTo(503);

        redis.restart();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> send(2, PROBE_KEY).headers().get("Infergate-RateLimit-Fallback") == null);
    }

    private static String hash(String key) {
        return ApiKeyHash.of(key).value();
    }

    private static int port(int gateway) {
        return ((WebServerApplicationContext) gateways.get(gateway)).getWebServer().getPort();
    }

    private static Exchange send(int gateway, String key) {
        return Exchange.post(HttpClient.create().baseUrl("http://127.0.0.1:" + port(gateway))
                .headers(h -> h.set("Authorization", "Bearer " + key)), "/v1/chat/completions", BODY);
    }

    private static double rejectedCommands(int gateway) {
        Counter counter = gateways.get(gateway).getBean(MeterRegistry.class).find("infergate.ratelimit.store.failures")
                .tags("store", "redis", "reason", "rejected").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    @Order(1)
    void twoGatewaysShareOneTenantsLimit() {
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            Exchange answer = send(i % 2, SHARED_KEY);
            assertThat(answer.status()).isIn(200, 429);
            assertThat(answer.headers().get("Infergate-RateLimit-Fallback")).isNull();
            accepted += answer.status() == 200 ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(5);
    }

    @Test
    @Order(2)
    void tokenUseIsReconciledInTheSharedBucket() {
        // "hi": 1 prompt token; max_tokens 1: estimated 2, and the simulator reports 1 + 1.
        Exchange streamed = Exchange.post(HttpClient.create().baseUrl("http://127.0.0.1:" + port(1))
                        .headers(h -> h.set("Authorization", "Bearer " + METERED_KEY)), "/v1/chat/completions",
                "{\"model\":\"" + Upstreams.MODEL + "\",\"messages\":[{\"content\":\"hi\"}],\"stream\":true,"
                        + "\"stream_options\":{\"include_usage\":true}}");
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.headers().get("RateLimit")).isEqualTo("\"tokens\";r=" + (100_000 - 1 - 256) + ";t=3600");
        assertThat(streamed.body()).contains("\"total_tokens\":17");
        LimitDefinition tokens = gateways.get(0).getBean(LiveAdmissionSettings.class).get().limits().limit("tokens").orElseThrow();
        Limiter shared = gateways.get(0).getBean(Limiter.class);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> shared.adjust("t:metered", tokens, 0, 2).block(Exchange.TIMEOUT).available().get(0) == 100_000 - 17);
    }

    @Test
    @Order(3)
    void withRedisDownFailOpenFallsBackLocallyAndFailClosedAnswers503() {
        redis.stop();
        double rejectedBefore = rejectedCommands(0);

        Exchange open = send(0, SHARED_KEY);
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.headers().get("Infergate-RateLimit-Fallback")).isEqualTo("shared-open");
        // The local fallback holds the limit divided by the two replicas: ceil(5 / 2) = 3 per hour, one taken.
        assertThat(open.headers().get("RateLimit")).isEqualTo("\"shared-open\";r=2;t=1200");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            send(0, PROBE_KEY);
            return rejectedCommands(0) > rejectedBefore;
        });

        Exchange closed = send(1, CLOSED_KEY);
        assertThat(closed.status()).isEqualTo(503);
        assertThat(closed.contentType()).isEqualTo("application/problem+json");
        assertThat(closed.headers().get("Retry-After")).isEqualTo("1");
        assertThat(closed.body()).contains("The rate-limit store is unavailable and limit \\\"shared-closed\\\" fails closed");
    }

    @Test
    @Order(4)
    void afterRedisRestartsEmptyTheFirstWindowAdmitsAtMostTheCapacity() {
        redis.restart();
        await().atMost(Duration.ofSeconds(60)).until(() -> send(0, PROBE_KEY).headers().get("Infergate-RateLimit-Fallback") == null
                && send(1, PROBE_KEY).headers().get("Infergate-RateLimit-Fallback") == null);
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            Exchange answer = send(i % 2, CLOSED_KEY);
            assertThat(answer.status()).isIn(200, 429);
            accepted += answer.status() == 200 ? 1 : 0;
        }
        assertThat(accepted).isLessThanOrEqualTo(5);
    }
}
