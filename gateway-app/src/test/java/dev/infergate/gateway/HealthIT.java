package dev.infergate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.infergate.sim.SimServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.netty.http.client.HttpClient;

/** Actuator views on the admin port: the pools indicator follows the probes, readiness does not. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "infergate.probes.interval=100ms", "infergate.probes.timeout=1s"})
@DirtiesContext
final class HealthIT {

    private static SimServer first;
    private static SimServer second;

    @LocalManagementPort
    int adminPort;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        first = Upstreams.simulator("probe-0", 51);
        second = Upstreams.simulator("probe-1", 52);
        registry.add("infergate.seed", () -> Upstreams.seed("""
                pools: [{name: chat, static: ["%s", "%s"]}]
                routes: [{id: openai, uri: "lb://chat", predicates: ["Path=/v1/**"]}]
                """.formatted(first.address(), second.address())).toString());
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
    }

    private Exchange health(String path) {
        return Exchange.get(HttpClient.newConnection().baseUrl("http://127.0.0.1:" + adminPort)
                .headers(h -> h.set("Authorization", TestUsers.viewer())), path);
    }

    @Test
    void aPoolIsDownWhenNoEndpointAnswersItsProbeAndUpWhenOneReturnsWhileReadinessStaysUp() {
        await().untilAsserted(() -> assertThat(health("/actuator/health/pools").body()).contains("\"up\":2"));

        for (SimServer server : List.of(first, second)) {
            server.faults().set(server.faults().current().withUnready(true));
        }
        await().until(() -> health("/actuator/health/pools").body().endsWith("\"status\":\"DOWN\"}"));
        assertThat(health("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(health("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
        assertThat(health("/actuator/health/liveness").status()).isEqualTo(200);

        second.faults().clear();
        await().until(() -> health("/actuator/health/pools").body().endsWith("\"status\":\"UP\"}"));
        assertThat(health("/actuator/health/pools").body()).contains("\"up\":1", "HTTP 503");
        first.faults().clear();
    }

    @Test
    void anonymousProbesSeeTheStatusOnly() {
        Exchange anonymous = Exchange.get(HttpClient.newConnection().baseUrl("http://127.0.0.1:" + adminPort), "/actuator/health");

        assertThat(anonymous.body()).contains("\"status\"").doesNotContain("pools").doesNotContain(first.address());
    }

    @Test
    void theRoutesViewShowsTheLiveVersionAndInfoShowsTheBuild() {
        assertThat(health("/actuator/routes").body()).contains("\"version\":1", "\"id\":\"openai\"", "\"contentHash\"");
        assertThat(health("/actuator/info").body()).contains("\"build\"", "\"artifact\":\"gateway-app\"");
    }
}
