package dev.infergate.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.infergate.routing.core.balance.EndpointHealth;
import dev.infergate.routing.resilience.ResilienceMeters;
import dev.infergate.sim.SimServer;
import dev.infergate.sim.server.FaultSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Budgeted retries on other endpoints, Retry-After, body replay, the error event of a broken stream and
 * outlier ejection, against simulated servers with fault switches and WireMock, over real sockets.
 * Every assertion is on counts; the settings each scenario relies on are in the seed below.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "infergate.max-request-body=4KB"})
@DirtiesContext
final class ResilienceIT {

    private static final String CHAT = "{\"model\":\"llama-3-8b-instruct\",\"messages\":[{\"content\":\"hello\"}],\"max_tokens\":4}";
    private static final FaultSettings ALWAYS_503 = new FaultSettings(1, 503, 0, 503, 1, 0, 0, false, false, false);
    private static final FaultSettings ALWAYS_500 = new FaultSettings(1, 500, 0, 503, 1, 0, 0, false, false, false);
    private static final FaultSettings RESET_AFTER_5 = new FaultSettings(0, 500, 0, 503, 1, 0, 5, false, false, false);

    private static final List<SimServer> STORM = new ArrayList<>();
    private static final List<SimServer> SPREAD = new ArrayList<>();
    private static final List<SimServer> EJECT = new ArrayList<>();
    private static final List<SimServer> HEDGE = new ArrayList<>();
    private static SimServer stream;
    private static SimServer slow;
    private static int refused;
    private static WireMockServer first;
    private static WireMockServer second;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int adminPort;

    @Autowired
    MeterRegistry meters;

    @Autowired
    EndpointHealth health;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        for (int i = 0; i < 3; i++) {
            STORM.add(Upstreams.simulator("storm-" + i, 100 + i));
            EJECT.add(Upstreams.simulator("eject-" + i, 110 + i));
        }
        HEDGE.add(Upstreams.simulator("hedge-slow", 150));
        HEDGE.add(Upstreams.simulator("hedge-fast", 151));
        SPREAD.add(Upstreams.simulator("spread-0", 120));
        SPREAD.add(Upstreams.simulator("spread-1", 121));
        stream = Upstreams.simulator("stream", 130);
        slow = Upstreams.simulator("slow", 140);
        refused = Upstreams.refusedPort();
        first = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        second = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        first.start();
        second.start();
        registry.add("infergate.seed", () -> Upstreams.seed("""
                sections:
                  retry-policies:
                    storm: {max-attempts: 3, backoff: {base: 1ms, cap: 2ms}, budget: {ratio: 0.2, min-per-second: 0.1, window: 10s}}
                    spread: {max-attempts: 2, backoff: {base: 1ms, cap: 2ms}, budget: {ratio: 1.0, min-per-second: 10, window: 10s}}
                    hedged: {max-attempts: 1, hedge: {delay: 100ms}, budget: {ratio: 1.0, min-per-second: 10, window: 10s}}
                    throttled: {max-attempts: 2, retry-after-cap: 2s, backoff: {base: 1ms, cap: 2ms}}
                  outlier-detection:
                    spread: {consecutive-failures: 3, base-ejection: 60s}
                    eject: {consecutive-failures: 5, base-ejection: 5s, max-ejected-percent: 50}
                pools:
                  - {name: storm, static: ["%s", "%s", "%s"]}
                  - {name: spread, static: ["%s", "127.0.0.1:%d", "%s"]}
                  - {name: eject, static: ["%s", "%s", "%s"]}
                  - {name: stream, static: ["%s"]}
                  - {name: slow, static: ["%s"]}
                  - {name: hedge, strategy: round-robin, static: ["%s", "%s"]}
                  - {name: wiremock, static: ["127.0.0.1:%d", "127.0.0.1:%d"]}
                routes:
                  - {id: storm, uri: "lb://storm", predicates: ["Path=/storm/**"], filters: ["StripPrefix=1", "AdaptiveRetry=storm"]}
                  - {id: spread, uri: "lb://spread", predicates: ["Path=/spread/**"], filters: ["StripPrefix=1", "AdaptiveRetry=spread"]}
                  - {id: eject, uri: "lb://eject", predicates: ["Path=/eject/**"], filters: ["StripPrefix=1"]}
                  - {id: stream, uri: "lb://stream", predicates: ["Path=/stream/**"], filters: ["StripPrefix=1", "AdaptiveRetry=spread"]}
                  - {id: slow, uri: "lb://slow", predicates: ["Path=/slow/**"], filters: ["StripPrefix=1", "Timeouts=300ms,300ms"]}
                  - {id: hedge, uri: "lb://hedge", predicates: ["Path=/hedge/**"], filters: ["StripPrefix=1", "AdaptiveRetry=hedged"]}
                  - {id: throttled, uri: "lb://wiremock", predicates: ["Path=/wm/**"], filters: ["StripPrefix=1", "AdaptiveRetry=throttled"]}
                  - id: unbounded
                    uri: lb://wiremock
                    predicates: ["Path=/big/**"]
                    filters: ["StripPrefix=1", "AdaptiveRetry=throttled"]
                    metadata: {max-request-body: unbounded}
                """.formatted(STORM.get(0).address(), STORM.get(1).address(), STORM.get(2).address(),
                SPREAD.get(0).address(), refused, SPREAD.get(1).address(),
                EJECT.get(0).address(), EJECT.get(1).address(), EJECT.get(2).address(),
                stream.address(), slow.address(), HEDGE.get(0).address(), HEDGE.get(1).address(), first.port(), second.port())).toString());
    }

    @AfterAll
    static void stop() {
        Stream.of(STORM, SPREAD, EJECT, HEDGE).flatMap(List::stream).forEach(SimServer::close);
        stream.close();
        slow.close();
        first.stop();
        second.stop();
    }

    @Test
    void aFiveHundredStormIsRetriedOnlyWithinTheBudget() {
        STORM.forEach(server -> server.faults().set(ALWAYS_503));
        int requests = 60;
        long started = System.nanoTime();

        for (int i = 0; i < requests; i++) {
            assertThat(send("/storm/v1/chat/completions", CHAT).status()).isEqualTo(503);
        }

        double seconds = (System.nanoTime() - started) / 1e9;
        long attempts = STORM.stream().mapToLong(server -> server.stats().receivedCount()).sum();
        double minimumAllowance = 0.1 * (Math.ceil(seconds) + 10);
        assertThat((double) attempts).isLessThanOrEqualTo(requests * 1.2 + minimumAllowance);
        assertThat(attempts).isEqualTo(requests + (long) decisions("storm", "retried"));
        assertThat(decisions("storm", "budget-exhausted") + decisions("storm", "attempts-exhausted")).isEqualTo(requests);
        assertThat(decisions("storm", "budget-exhausted")).isPositive();
    }

    @Test
    void aRefusingEndpointCostsOneRetryElsewhereAndIsNeverTriedTwiceForARequest() {
        String refusing = "127.0.0.1:" + refused;
        int requests = 30;

        for (int i = 0; i < requests; i++) {
            assertThat(send("/spread/v1/chat/completions", CHAT).status()).isEqualTo(200);
        }

        double failedAtRefusing = attempts("spread", refusing, "failure");
        assertThat(SPREAD.stream().mapToLong(server -> server.stats().receivedCount()).sum()).isEqualTo(requests);
        assertThat(failedAtRefusing).isEqualTo(decisions("spread", "retried")).isBetween(1.0, 3.0);
        assertThat(health.isEjected(refusing)).isTrue();
        assertThat(ejections("spread", refusing, "ejected")).isEqualTo(1);
    }

    @Test
    void aStreamResetAfterFiveChunksEndsWithAnErrorEventAndIsNotRetried() {
        stream.faults().set(RESET_AFTER_5);

        String body = streamBody("/stream/v1/chat/completions");

        List<String> events = events(body);
        assertThat(events.remove(0)).isEqualTo("status 200");
        assertThat(events).hasSize(6);
        assertThat(events.subList(0, 5)).allMatch(event -> event.startsWith("data: {"));
        assertThat(events.subList(0, 5)).doesNotHaveDuplicates();
        assertThat(events.get(5)).startsWith("event: error\ndata: {\"error\":");
        assertThat(body).doesNotContain("[DONE]");
        assertThat(stream.stats().receivedCount()).isEqualTo(1);
    }

    @Test
    void noFirstByteWithinItsLimitIsA504ProblemAndAnIdleGapAfterItEndsTheStreamWithAnErrorEvent() {
        slow.faults().set(FaultSettings.NONE.withSlowFirstByteMillis(3000));
        Exchange late = send("/slow/v1/chat/completions", CHAT);
        assertThat(late.status()).isEqualTo(504);
        assertThat(late.contentType()).startsWith("application/problem+json");

        slow.faults().set(FaultSettings.NONE.withHold(true));
        try {
            String body = streamBody("/slow/v1/chat/completions");
            List<String> events = events(body);
            assertThat(events.remove(0)).isEqualTo("status 200");
            assertThat(events).hasSize(2);
            assertThat(events.get(0)).startsWith("data: {");
            assertThat(events.get(1)).startsWith("event: error\n");
        } finally {
            slow.faults().clear();
        }
    }

    @Test
    void aHedgeToTheOtherEndpointAnswersWhenTheFirstIsSlowAndTheSlowAttemptIsCancelled() {
        SimServer slowServer = HEDGE.get(0);
        SimServer fastServer = HEDGE.get(1);
        slowServer.faults().set(FaultSettings.NONE.withSlowFirstByteMillis(5000));
        int requests = 6;

        for (int i = 0; i < requests; i++) {
            Exchange answer = send("/hedge/v1/chat/completions", CHAT);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).contains("\"object\":\"chat.completion\"");
        }

        long slowFirst = slowServer.stats().receivedCount();
        assertThat(slowFirst).as("requests whose first attempt went to the slow server").isPositive();
        // The simulator counts a request completed once its last write finished, which may be just
        // after the client has read the answer.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(fastServer.stats().completedCount()).isEqualTo(requests));
        assertThat(hedges("hedge", "won")).isEqualTo(slowFirst);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(slowServer.stats().cancelledCount()).isEqualTo(slowFirst));
        assertThat(slowServer.stats().completedCount()).isZero();
    }

    @Test
    void retryAfterWithinTheCapIsWaitedForAndBeyondItTheThrottleIsReturned() {
        first.stubFor(WireMock.post(urlEqualTo("/soon")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        second.stubFor(WireMock.post(urlEqualTo("/soon")).willReturn(aResponse().withStatus(200).withBody("{}")));
        first.stubFor(WireMock.post(urlEqualTo("/late")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));
        second.stubFor(WireMock.post(urlEqualTo("/late")).willReturn(aResponse().withStatus(200).withBody("{}")));

        assertThat(untilFirstTakesOne("/wm/soon", "/soon")).isEqualTo(200);
        LoggedRequest throttled = first.findAll(postRequestedFor(urlEqualTo("/soon"))).get(0);
        List<LoggedRequest> atSecond = second.findAll(postRequestedFor(urlEqualTo("/soon")));
        LoggedRequest retried = atSecond.get(atSecond.size() - 1);
        assertThat(retried.getLoggedDate().getTime() - throttled.getLoggedDate().getTime()).isGreaterThanOrEqualTo(1000);

        int secondBefore = second.findAll(postRequestedFor(urlEqualTo("/late"))).size();
        assertThat(untilFirstTakesOne("/wm/late", "/late")).isEqualTo(429);
        int sentToSecond = second.findAll(postRequestedFor(urlEqualTo("/late"))).size() - secondBefore;
        assertThat(sentToSecond).as("requests that went to the second server first").isLessThanOrEqualTo(1);
        assertThat(decisions("throttled", "retry-after-too-long")).isEqualTo(1);
    }

    @Test
    void aFailedBodyIsReplayedByteForByteAndABodyAboveTheCapIsNotRetried() {
        first.stubFor(WireMock.post(urlEqualTo("/body")).willReturn(aResponse().withStatus(503)));
        second.stubFor(WireMock.post(urlEqualTo("/body")).willReturn(aResponse().withStatus(503)));
        String body = "{\"model\":\"llama-3-8b-instruct\",\"messages\":[{\"content\":\"héllo ✓ " + "x".repeat(1500) + "\"}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        assertThat(send("/wm/body", body).status()).isEqualTo(503);

        List<LoggedRequest> received = Stream.of(first, second)
                .flatMap(server -> server.findAll(postRequestedFor(urlEqualTo("/body"))).stream()).toList();
        assertThat(received).hasSize(2).allSatisfy(request -> assertThat(request.getBody()).isEqualTo(bytes));

        first.stubFor(WireMock.post(urlEqualTo("/large")).willReturn(aResponse().withStatus(503)));
        second.stubFor(WireMock.post(urlEqualTo("/large")).willReturn(aResponse().withStatus(503)));
        assertThat(send("/big/large", "y".repeat(8 * 1024)).status()).isEqualTo(503);

        long largeAttempts = Stream.of(first, second).mapToLong(server -> server.findAll(postRequestedFor(urlEqualTo("/large"))).size()).sum();
        assertThat(largeAttempts).isEqualTo(1);
        assertThat(decisions("unbounded", "body-not-replayable")).isEqualTo(1);
    }

    @Test
    void anEndpointFailingFiveTimesInARowGetsNoTrafficUntilItsEjectionEndsAndOnlyHalfThePoolIsEjected() {
        EJECT.get(1).faults().set(ALWAYS_500);
        EJECT.get(2).faults().set(ALWAYS_500);

        for (int i = 0; i < 30; i++) {
            send("/eject/v1/chat/completions", CHAT);
        }

        List<String> failing = List.of(EJECT.get(1).address(), EJECT.get(2).address());
        List<String> ejected = failing.stream().filter(health::isEjected).toList();
        assertThat(ejected).hasSize(1);
        SimServer out = EJECT.get(failing.indexOf(ejected.get(0)) + 1);
        assertThat(out.stats().receivedCount()).isEqualTo(5);
        assertThat(ejections("eject", ejected.get(0), "ejected")).isEqualTo(1);
        assertThat(failing.stream().mapToDouble(endpoint -> ejections("eject", endpoint, "capped")).sum()).isPositive();
        String inference = Exchange.get(HttpClient.newConnection().baseUrl("http://127.0.0.1:" + adminPort)
                .headers(headers -> headers.set("Authorization", TestUsers.viewer())), "/actuator/inference").body();
        for (String endpoint : failing) {
            assertThat(stateIn(inference, endpoint)).startsWith(endpoint.equals(ejected.get(0)) ? "EJECTED" : "ACTIVE");
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> !health.isEjected(out.address()));
        long before = out.stats().receivedCount();
        for (int i = 0; i < 6; i++) {
            send("/eject/v1/chat/completions", CHAT);
        }
        assertThat(out.stats().receivedCount()).isGreaterThan(before);
    }

    /** An endpoint's state in the inference view. */
    private static String stateIn(String inference, String endpoint) {
        Matcher matcher = Pattern.compile("\"address\":\"" + Pattern.quote(endpoint) + "\"[^}]*?\"state\":\"([^\"]*)\"").matcher(inference);
        assertThat(matcher.find()).as(inference).isTrue();
        return matcher.group(1);
    }

    /** Sends until the first server has taken the request first; the status of that request. */
    private int untilFirstTakesOne(String gatewayPath, String upstreamPath) {
        for (int i = 0; i < 4; i++) {
            int before = first.findAll(postRequestedFor(urlEqualTo(upstreamPath))).size();
            int status = send(gatewayPath, "{}").status();
            if (first.findAll(postRequestedFor(urlEqualTo(upstreamPath))).size() > before) {
                return status;
            }
        }
        throw new AssertionError("the first server never got " + upstreamPath);
    }

    /** A streamed completion's status line and body, up to the end or the connection's close. */
    private String streamBody(String uri) {
        return HttpClient.newConnection().baseUrl("http://127.0.0.1:" + port).post().uri(uri)
                .send(Mono.fromSupplier(() -> Unpooled.copiedBuffer(
                        "{\"model\":\"llama-3-8b-instruct\",\"messages\":[{\"content\":\"hello\"}],\"max_tokens\":20,\"stream\":true}",
                        StandardCharsets.UTF_8)))
                .response((response, content) -> content.asString()
                        .onErrorResume(PrematureCloseException.class, closed -> Mono.empty())
                        .startWith("status " + response.status().code() + "\n\n"))
                .collectList().map(parts -> String.join("", parts))
                .block(Exchange.TIMEOUT);
    }

    private static List<String> events(String body) {
        List<String> events = new ArrayList<>();
        Matcher matcher = Pattern.compile("(?s)(.*?)\\n\\n").matcher(body);
        while (matcher.find()) {
            events.add(matcher.group(1));
        }
        return events;
    }

    private Exchange send(String uri, String body) {
        return Exchange.send(HttpClient.newConnection().baseUrl("http://127.0.0.1:" + port), HttpMethod.POST, uri, body);
    }

    private double decisions(String route, String outcome) {
        Counter counter = meters.find(ResilienceMeters.RETRIES).tag("route", route).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private double attempts(String route, String endpoint, String outcome) {
        Counter counter = meters.find(ResilienceMeters.ATTEMPTS).tag("route", route).tag("endpoint", endpoint).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private double hedges(String route, String outcome) {
        Counter counter = meters.find(ResilienceMeters.HEDGES).tag("route", route).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private double ejections(String pool, String endpoint, String outcome) {
        Counter counter = meters.find(ResilienceMeters.EJECTIONS).tag("pool", pool).tag("endpoint", endpoint).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
