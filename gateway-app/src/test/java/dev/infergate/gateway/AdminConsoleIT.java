package dev.infergate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infergate.sim.SimServer;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin console in a real browser against a real gateway on its embedded default, with two
 * simulated servers as a canary route's stable and canary pools. One browser session and one
 * gateway for the whole class; the steps run in order and build on each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class AdminConsoleIT {

    private static final String ROUTE = "chat-canary";
    private static final String CHAT = "{\"model\":\"llama-3-8b-instruct\",\"messages\":[{\"content\":\"hi\"}],\"max_tokens\":1}";
    /** Network errors the steps provoke on purpose: refused dry runs and saves, and the conflicting save. */
    private static final Pattern EXPECTED_REFUSALS = Pattern.compile(
            ".*/admin/api/(validate|routes/" + ROUTE + ") - Failed to load resource: the server responded with a status of (412|422).*");

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<String> unexpectedLog = new ArrayList<>();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int adminPort;

    private SimServer stable;
    private SimServer canary;
    private ConsoleBrowser browser;
    private AdminClient admin;
    private long versionWithoutCanary;

    @BeforeAll
    void startFleetRouteAndBrowser() {
        stable = Upstreams.simulator("stable", 71);
        canary = Upstreams.simulator("canary", 72);
        admin = AdminClient.operator(adminPort);
        created(admin.send(HttpMethod.POST, "/pools", "{\"name\": \"stable\", \"strategy\": \"round-robin\", \"static\": [\"%s\"]}"
                .formatted(stable.address()), java.util.Map.of()));
        created(admin.send(HttpMethod.POST, "/pools", "{\"name\": \"canary\", \"strategy\": \"round-robin\", \"static\": [\"%s\"]}"
                .formatted(canary.address()), java.util.Map.of()));
        created(admin.send(HttpMethod.POST, "/routes", """
                {"id": "%s", "uri": "lb://stable", "predicates": ["Path=/canary/**"], "filters": ["StripPrefix=1"],
                 "split": {"destinations": [{"name": "stable", "uri": "lb://stable", "weight": 100},
                                            {"name": "canary", "uri": "lb://canary", "weight": 0}],
                           "sticky": {"source": "header", "name": "X-User"}}}""".formatted(ROUTE), java.util.Map.of()));
        versionWithoutCanary = admin.version();
        browser = new ConsoleBrowser(adminPort);
    }

    private static void created(Exchange answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    @AfterEach
    void browserLogHasNoErrors() {
        for (LogEntry entry : browser.severeLogEntries()) {
            if (!EXPECTED_REFUSALS.matcher(entry.getMessage()).matches()) {
                unexpectedLog.add(entry.getMessage());
            }
        }
        assertThat(unexpectedLog).as("SEVERE entries in the browser's log").isEmpty();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        stable.close();
        canary.close();
    }

    @Test
    @Order(1)
    void signingInShowsTheRoutesAndNothingIsServedWithoutASession() {
        HttpClient anonymous = HttpClient.newConnection().baseUrl("http://127.0.0.1:" + adminPort);
        Exchange console = Exchange.get(anonymous, "/admin/");
        assertThat(console.status()).isEqualTo(302);
        assertThat(console.headers().get("Location")).endsWith("/admin/login");
        Exchange api = Exchange.get(anonymous, "/admin/api/routes");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.contentType()).startsWith("application/problem+json");
        assertThat(Exchange.get(anonymous, "/admin/api/live").status()).isEqualTo(401);
        assertThat(Exchange.get(anonymous, "/admin/console/app.js").headers().get("Location")).endsWith("/admin/login");

        browser.open("/admin/");
        browser.waiting().until(ExpectedConditions.urlContains("/admin/login"));
        browser.signIn(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);

        browser.visible(By.cssSelector("#routes-table tr[data-route='openai']"));
        assertThat(routeIds()).contains("openai", "kserve-v2", ROUTE);
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-route='openai'] .match")).getText()).contains("Path=/v1/**");
        assertThat(browser.driver().findElement(By.id("user")).getText()).contains("operator");
        browser.waitForText(By.id("live-state"), Pattern.compile("live"));

        browser.driver().findElement(By.id("route-search")).sendKeys("kserve");
        browser.waiting().until(driver -> routeIds().equals(List.of("kserve-v2")));
        browser.driver().findElement(By.id("route-search")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        browser.waiting().until(driver -> routeIds().size() == 3);
        browser.screenshot("routes");
    }

    @Test
    @Order(2)
    void theCanarySliderMovesHalfTheUsersAndTheLiveShareFollows() {
        assertThat(canaryRequests(200, "before")).isZero();

        browser.open("/admin/#/routes/" + ROUTE + "/split");
        WebElement slider = browser.clickable(By.id("slider-canary"));
        assertThat(browser.driver().findElement(By.id("percent-canary")).getText()).isEqualTo("0 %");
        for (int step = 0; step < 50; step++) {
            slider.sendKeys(Keys.ARROW_RIGHT);
        }
        assertThat(browser.driver().findElement(By.id("percent-canary")).getText()).isEqualTo("50 %");
        assertThat(browser.driver().findElement(By.id("percent-stable")).getText()).isEqualTo("50 %");
        browser.clickable(By.id("apply-split")).click();
        browser.waitForText(By.id("split-status"), Pattern.compile("Applied as version \\d+"));
        JsonNode route = json.readTree(admin.get("/routes/" + ROUTE).body());
        assertThat(route.at("/split/destinations/0/weight").asInt()).isEqualTo(50);
        assertThat(route.at("/split/destinations/1/weight").asInt()).isEqualTo(50);

        // chi-square at 99.9 % (one degree of freedom, 10.83) of 1000 fresh keys at 50/50: 500 ± 52
        assertThat(canaryRequests(1000, "half")).isBetween(448, 552);
        browser.waitForText(By.id("share-canary"), Pattern.compile("(3[5-9]|[4-5]\\d|6[0-5]) %"));
        browser.waitForText(By.id("share-stable"), Pattern.compile("(3[5-9]|[4-5]\\d|6[0-5]) %"));
        browser.screenshot("split");
    }

    @Test
    @Order(3)
    void invalidValuesAreShownAtTheirFieldsAndNothingIsSaved() {
        long before = admin.version();
        browser.open("/admin/#/routes/" + ROUTE);
        WebElement weight = browser.visible(By.id("dest-weight-1"));
        browser.waitForText(By.id("check-state"), Pattern.compile("valid"));
        weight.clear();
        weight.sendKeys("-5");
        WebElement weightError = browser.visible(By.id("error-dest-weight-1"));
        assertThat(weightError.getText()).isNotBlank();
        assertThat(weight.getAttribute("aria-invalid")).isEqualTo("true");

        WebElement filters = browser.driver().findElement(By.id("field-filters"));
        filters.sendKeys(Keys.END, Keys.ENTER, "NoSuchFilter=1");
        browser.waitForText(By.id("error-filters"), Pattern.compile("(?s).*line 2: unknown filter NoSuchFilter.*"));
        browser.screenshot("editor-validation");

        browser.clickable(By.id("save")).click();
        browser.waitForText(By.id("save-status"), Pattern.compile("Not saved.*"));
        assertThat(admin.version()).isEqualTo(before);
        assertThat(json.readTree(admin.get("/routes/" + ROUTE).body()).at("/split/destinations/1/weight").asInt()).isEqualTo(50);
    }

    @Test
    @Order(4)
    void rollingBackThroughTheHistoryReturnsTrafficToStable() {
        browser.open("/admin/#/history");
        browser.visible(By.cssSelector("#versions-table tr[data-version='" + versionWithoutCanary + "']"));
        browser.driver().findElement(By.id("from-" + versionWithoutCanary)).click();
        browser.driver().findElement(By.id("to-" + admin.version())).click();
        browser.clickable(By.id("show-diff")).click();
        browser.waitForText(By.id("diff"), Pattern.compile("(?s).*/routes/.*weight.*"));

        browser.clickable(By.cssSelector("button.rollback[data-version='" + versionWithoutCanary + "']")).click();
        browser.visible(By.id("rollback-dialog"));
        browser.clickable(By.id("confirm-rollback")).click();
        browser.waitForText(By.id("history-status"), Pattern.compile("Rolled back to version " + versionWithoutCanary + ".*"));

        JsonNode route = json.readTree(admin.get("/routes/" + ROUTE).body());
        assertThat(route.at("/split/destinations/1/weight").asInt()).isZero();
        assertThat(canaryRequests(300, "rolled-back")).isZero();
    }

    @Test
    @Order(5)
    void aSaveAfterAConcurrentChangeShowsTheConflictInsteadOfOverwriting() {
        browser.open("/admin/#/routes/" + ROUTE);
        browser.waitForText(By.id("check-state"), Pattern.compile("valid"));
        String etag = admin.get("/routes/" + ROUTE).headers().get("ETag");
        Exchange theirs = admin.write(HttpMethod.PATCH, "/routes/" + ROUTE, "{\"metadata\": {\"response-timeout\": 12345}}", etag);
        assertThat(theirs.status()).as(theirs.body()).isEqualTo(200);

        WebElement order = browser.driver().findElement(By.id("field-order"));
        order.clear();
        order.sendKeys("7");
        browser.clickable(By.id("save")).click();
        browser.waitForText(By.id("conflict-changes"), Pattern.compile("(?s).*/metadata/response-timeout.*12345.*"));
        JsonNode stored = json.readTree(admin.get("/routes/" + ROUTE).body());
        assertThat(stored.at("/order").asInt()).isZero();
        assertThat(stored.at("/metadata/response-timeout").asInt()).isEqualTo(12345);

        browser.clickable(By.id("conflict-reload")).click();
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("conflict")));
        assertThat(browser.driver().findElement(By.id("field-metadata")).getDomProperty("value")).contains("12345");
        assertThat(browser.driver().findElement(By.id("field-order")).getDomProperty("value")).isEqualTo("0");
    }

    @Test
    @Order(6)
    void switchingAPoolsStrategyShowsInTheInferenceView() {
        browser.open("/admin/#/pools");
        browser.visible(By.cssSelector("section[data-pool='demo'] tr[data-endpoint]"));
        new Select(browser.driver().findElement(By.id("strategy-demo"))).selectByValue("least-request");
        browser.clickable(By.id("apply-strategy-demo")).click();
        browser.waitForText(By.id("strategy-status-demo"), Pattern.compile("Now least-request.*"));

        Exchange inference = Exchange.get(HttpClient.newConnection().baseUrl("http://127.0.0.1:" + adminPort)
                .headers(h -> h.set("Authorization", TestUsers.viewer())), "/actuator/inference");
        JsonNode demo = null;
        for (JsonNode pool : json.readTree(inference.body()).get("pools")) {
            if (pool.get("name").asString().equals("demo")) {
                demo = pool;
            }
        }
        assertThat(demo).isNotNull();
        assertThat(demo.get("strategy").asString()).isEqualTo("least-request");
        browser.screenshot("pools");
    }

    @Test
    @Order(7)
    void theLiveFeedIsAnEventStreamAndSigningOutEndsTheSession() {
        String first = HttpClient.newConnection().baseUrl("http://127.0.0.1:" + adminPort)
                .headers(h -> h.set("Authorization", TestUsers.viewer()))
                .get().uri("/admin/api/live")
                .responseContent().asString().take(1).single().block(Duration.ofSeconds(10));
        assertThat(first).startsWith("event:live\ndata:{\"version\":");

        browser.open("/admin/#/routes");
        browser.clickable(By.id("logout")).click();
        browser.waitForText(By.cssSelector("[role=status]"), Pattern.compile("Signed out."));
        browser.open("/admin/");
        browser.waiting().until(ExpectedConditions.urlContains("/admin/login"));
    }

    private List<String> routeIds() {
        return browser.driver().findElements(By.cssSelector("#routes-table tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-route")).toList();
    }

    /** Sends {@code count} requests with fresh sticky keys through the public port; how many reached the canary. */
    private int canaryRequests(int count, String phase) {
        long before = canary.stats().receivedCount();
        HttpClient gateway = HttpClient.newConnection().baseUrl("http://127.0.0.1:" + port);
        List<Integer> statuses = Flux.range(0, count)
                .flatMap(i -> gateway.headers(h -> h.set("X-User", phase + "-" + i)).post().uri("/canary/v1/chat/completions")
                        .send(Mono.fromSupplier(() -> Unpooled.copiedBuffer(CHAT, StandardCharsets.UTF_8)))
                        .responseSingle((response, body) -> body.then(Mono.just(response.status().code()))), 8)
                .collectList().block(Duration.ofSeconds(60));
        assertThat(statuses).hasSize(count).containsOnly(200);
        return (int) (canary.stats().receivedCount() - before);
    }
}
