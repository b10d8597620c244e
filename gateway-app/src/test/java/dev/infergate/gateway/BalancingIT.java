package dev.infergate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infergate.routing.core.balance.EndpointHealth;
import dev.infergate.sim.SimServer;
import dev.infergate.sim.SimServerSettings;
import dev.infergate.sim.engine.QueueingEngine;
import dev.infergate.sim.model.ServerSpec;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** Capacity-aware picking against a simulated fleet with one slow server, over real sockets. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@DirtiesContext
final class BalancingIT {

    private static final int REQUESTS = 240;
    private static final int CONCURRENCY = 12;

    private static final List<SimServer> FLEET = new ArrayList<>();
    private static final List<SimServer> FIXED = new ArrayList<>();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int adminPort;

    @Autowired
    EndpointHealth health;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) {
        double[] speeds = {1, 1, 1, 0.5};
        for (int i = 0; i < speeds.length; i++) {
            ServerSpec spec = ServerSpec.builder().name("gpu-" + i).models("llama-3-8b-instruct").speed(speeds[i])
                    .maxBatch(2).seed(70 + i).build();
            FLEET.add(SimServer.start(new SimServerSettings(spec.name(), spec.models(), spec.seed(), spec.defaultMaxTokens(),
                    SimServerSettings.LOOPBACK, 0), new QueueingEngine(spec)));
        }
        for (int i = 0; i < 3; i++) {
            FIXED.add(Upstreams.simulator("fixed-" + i, 80 + i));
        }
        registry.add("infergate.seed", () -> Upstreams.seed("""
                pools:
                  - {name: fleet, strategy: round-robin, static: ["%s", "%s", "%s", "%s"]}
                  - {name: fixed, strategy: capacity, static: ["%s", "%s", "%s"]}
                routes:
                  - {id: fleet, uri: "lb://fleet", predicates: ["Path=/fleet/**"], filters: ["StripPrefix=1"]}
                  - {id: fixed, uri: "lb://fixed", predicates: ["Path=/fixed/**"], filters: ["StripPrefix=1"]}
                """.formatted(FLEET.get(0).address(), FLEET.get(1).address(), FLEET.get(2).address(), FLEET.get(3).address(),
                FIXED.get(0).address(), FIXED.get(1).address(), FIXED.get(2).address())).toString());
    }

    @AfterAll
    static void stop() {
        FLEET.forEach(SimServer::close);
        FIXED.forEach(SimServer::close);
    }

    @Test
    void theHalfSpeedServerGetsAtMostHalfItsRoundRobinShareUnderCapacityAfterALiveStrategySwitch() {
        SimServer slow = FLEET.get(3);
        long roundRobin = countAtSlowServer(slow);

        AdminClient admin = AdminClient.operator(adminPort);
        Exchange switched = admin.write(HttpMethod.PATCH, "/pools/fleet", "{\"strategy\": \"capacity\"}",
                admin.get("/pools/fleet").headers().get("ETag"));
        assertThat(switched.status()).as(switched.body()).isEqualTo(200);
        assertThat(Exchange.get(HttpClient.newConnection().baseUrl("http://127.0.0.1:" + adminPort)
                .headers(h -> h.set("Authorization", TestUsers.viewer())), "/actuator/inference").body())
                .contains("\"name\":\"fleet\",\"strategy\":\"capacity\"");

        long capacity = countAtSlowServer(slow);

        assertThat(roundRobin).isBetween(REQUESTS / 4L - 5, REQUESTS / 4L + 5);
        assertThat(capacity).as("slow server's picks under capacity vs round-robin %d", roundRobin).isLessThanOrEqualTo(roundRobin / 2);
    }

    @Test
    void endpointsWithoutMetricsAreBalancedOnLocalSignalsAndAnEjectedOneGetsNothing() {
        SimServer ejected = FIXED.get(1);
        health.eject(ejected.address(), Duration.ofMinutes(5));
        try {
            List<Integer> statuses = send("/fixed", 60);

            assertThat(statuses).hasSize(60).containsOnly(200);
            assertThat(ejected.stats().receivedCount()).isZero();
            assertThat(FIXED.get(0).stats().receivedCount() + FIXED.get(2).stats().receivedCount()).isEqualTo(60);
            String scrape = Exchange.get(HttpClient.newConnection().baseUrl("http://127.0.0.1:" + adminPort), "/actuator/prometheus").body();
            String tags = "{endpoint=\"" + FIXED.get(0).address() + "\",pool=\"fixed\"}";
            assertThat(scrape).contains("infergate_balancer_in_flight" + tags, "infergate_balancer_score" + tags,
                    "infergate_balancer_picks_total" + tags);
            assertThat(scrape).doesNotContain("infergate_balancer_picks_total{endpoint=\"" + ejected.address());
        } finally {
            health.restore(ejected.address());
        }
    }

    private long countAtSlowServer(SimServer slow) {
        long before = slow.stats().receivedCount();
        assertThat(send("/fleet", REQUESTS)).hasSize(REQUESTS).containsOnly(200);
        return slow.stats().receivedCount() - before;
    }

    private List<Integer> send(String prefix, int count) {
        HttpClient gateway = HttpClient.newConnection().baseUrl("http://127.0.0.1:" + port);
        return Flux.range(0, count)
                .flatMap(i -> gateway.post().uri(prefix + "/v1/chat/completions")
                        .send(Mono.fromSupplier(() -> Unpooled.copiedBuffer(
                                "{\"model\":\"llama-3-8b-instruct\",\"messages\":[{\"content\":\"request " + i + "\"}],\"max_tokens\":24}",
                                StandardCharsets.UTF_8)))
                        .responseSingle((response, body) -> body.then(Mono.just(response.status().code()))), CONCURRENCY)
                .collectList()
                .block(Duration.ofMinutes(2));
    }
}
