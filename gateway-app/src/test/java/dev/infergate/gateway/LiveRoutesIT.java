package dev.infergate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.infergate.sim.SimServer;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** The live configuration changed through the admin API while traffic flows, over real sockets. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
final class LiveRoutesIT {

    private static final String CHAT = """
            {"model":"llama-3-8b-instruct","messages":[{"content":"hello"}],"max_tokens":4%s}""";

    private static SimServer first;
    private static SimServer second;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int adminPort;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        first = Upstreams.simulator("first", 41);
        second = Upstreams.simulator("second", 42);
        registry.add("infergate.seed", () -> Upstreams.seed("""
                pools:
                  - {name: first, static: ["%s"]}
                  - {name: second, static: ["%s"]}
                routes:
                  - {id: chat, uri: "lb://first", predicates: ["Path=/v1/**"]}
                """.formatted(first.address(), second.address())).toString());
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
    }

    @BeforeEach
    void reset() {
        first.faults().clear();
        second.faults().clear();
        first.stats().reset();
        second.stats().reset();
    }

    private AdminClient admin() {
        return AdminClient.operator(adminPort);
    }

    private Exchange chat(String path) {
        return Exchange.post(HttpClient.newConnection().baseUrl("http://127.0.0.1:" + port), path, CHAT.formatted(""));
    }

    @Test
    void aCreatedRouteServesAndAReplacementLeavesAnOpenStreamOnItsOldUpstream() {
        Exchange created = admin().write(HttpMethod.POST, "/routes", """
                {"id": "canary", "uri": "lb://second", "predicates": ["Path=/canary/**"], "filters": ["StripPrefix=1"]}""", null);
        assertThat(created.status()).isEqualTo(201);
        assertThat(chat("/canary/v1/chat/completions").status()).isEqualTo(200);
        await().until(() -> second.stats().completedCount() == 1);

        second.faults().hold();
        List<String> held = new CopyOnWriteArrayList<>();
        Disposable stream = HttpClient.newConnection().post().uri("http://127.0.0.1:" + port + "/canary/v1/chat/completions")
                .send(Mono.fromSupplier(() -> Unpooled.copiedBuffer(CHAT.formatted(",\"stream\":true"), StandardCharsets.UTF_8)))
                .response((response, body) -> body.asString())
                .subscribe(held::add);
        await().until(() -> !held.isEmpty());

        String etag = admin().get("/routes/canary").headers().get("ETag");
        Exchange replaced = admin().write(HttpMethod.PUT, "/routes/canary", """
                {"id": "canary", "uri": "lb://first", "predicates": ["Path=/canary/**"], "filters": ["StripPrefix=1"]}""", etag);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(chat("/canary/v1/chat/completions").status()).isEqualTo(200);
        await().until(() -> first.stats().completedCount() == 1);

        second.faults().release();
        await().until(() -> String.join("", held).endsWith("data: [DONE]\n\n"));
        await().until(() -> second.stats().completedCount() == 2);
        assertThat(first.stats().completedCount()).isEqualTo(1);
        stream.dispose();
    }

    @Test
    void everyWriteLeavesOneAuditLineWithoutItsBodyOrCredentials(CapturedOutput output) {
        String etag = admin().get("/routes/chat").headers().get("ETag");

        admin().write(HttpMethod.PATCH, "/routes/chat", "{\"metadata\": {\"audited\": \"secret-looking-value\"}}", etag);
        new AdminClient(adminPort, TestUsers.viewer()).write(HttpMethod.PATCH, "/routes/chat", "{}", etag);

        await().until(() -> output.getOut().contains("user=viewer action=\"PATCH /admin/api/routes/chat\" outcome=rejected status=403"));
        assertThat(output.getOut()).containsPattern(
                "user=operator action=\"PATCH /admin/api/routes/chat\" outcome=accepted status=200 version=\\d+");
        assertThat(output.getOut()).doesNotContain("secret-looking-value", TestUsers.OPERATOR_PASSWORD, TestUsers.operator());
    }

    @Test
    void ofTwoWritersWithTheSameEtagOneWinsAndTheOther412sAndAWriteWithoutIfMatchIs428() {
        long before = admin().version();
        String etag = admin().get("/routes/chat").headers().get("ETag");

        Exchange winner = admin().write(HttpMethod.PATCH, "/routes/chat", "{\"metadata\": {\"owner\": \"team-a\"}}", etag);
        Exchange loser = admin().write(HttpMethod.PATCH, "/routes/chat", "{\"metadata\": {\"owner\": \"team-b\"}}", etag);
        Exchange unconditional = admin().write(HttpMethod.PUT, "/routes/chat", "{\"id\": \"chat\"}", null);

        assertThat(winner.status()).isEqualTo(200);
        assertThat(winner.body()).contains("\"owner\":\"team-a\"");
        assertThat(loser.status()).isEqualTo(412);
        assertThat(loser.headers().get("ETag")).isEqualTo(winner.headers().get("ETag"));
        assertThat(unconditional.status()).isEqualTo(428);
        assertThat(admin().get("/routes/chat").body()).contains("team-a").doesNotContain("team-b");
        assertThat(admin().version()).isEqualTo(before + 1);
        assertThat(admin().get("/versions").body()).contains("\"version\":" + (before + 1)).doesNotContain("\"version\":" + (before + 2));
    }

    @Test
    void anExpressionInAFilterArgumentIsRefusedBeforeBindingAndNothingIsStored() {
        long before = admin().version();

        Exchange refused = admin().write(HttpMethod.POST, "/routes", """
                {"id": "pwn", "uri": "lb://first", "predicates": ["Path=/pwn/**"],
                 "filters": [{"name": "AddRequestHeader", "args": {"name": "X-Pwn",
                   "value": "#{T(java.lang.Runtime).getRuntime().exec('touch infergate-pwned')}"}}]}""", null);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.body()).contains("\"pointer\":\"/filters/0/args/value\"", "expressions (#{...}) are not allowed");
        assertThat(Files.exists(Path.of("infergate-pwned"))).isFalse();
        assertThat(admin().version()).isEqualTo(before);
        assertThat(admin().get("/routes/pwn").status()).isEqualTo(404);
    }

    @Test
    void upstreamsOutsideTheAllowedSchemesMetadataAddressesAndTheAdminPortAreRefused() {
        long before = admin().version();
        Map<String, String> refusals = Map.of(
                "file:///etc/passwd", "scheme file is not allowed",
                "http://169.254.169.254/latest/meta-data", "cloud metadata address",
                "http://127.0.0.1:" + adminPort + "/", "the gateway's own admin port");
        refusals.forEach((uri, reason) -> {
            Exchange refused = admin().write(HttpMethod.POST, "/routes",
                    "{\"id\": \"bad\", \"uri\": \"" + uri + "\", \"predicates\": [\"Path=/bad/**\"]}", null);
            assertThat(refused.status()).as(uri).isEqualTo(422);
            assertThat(refused.body()).as(uri).contains("\"pointer\":\"/uri\"", reason);
        });
        assertThat(admin().version()).isEqualTo(before);
    }

    @Test
    void unknownPredicatesAndBadArgumentsAreAllReportedAtOnce() {
        Exchange refused = admin().write(HttpMethod.POST, "/routes", """
                {"id": "broken", "uri": "lb://nowhere", "predicates": ["Teleport=now", "Path=/x/**"],
                 "filters": ["SetStatus=banana"]}""", null);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("\"pointer\":\"/uri\"", "unknown pool nowhere");
    }

    @Test
    void aRouteNamingAnUnknownRetryPolicyIsRefused() {
        Exchange refused = admin().write(HttpMethod.POST, "/routes", """
                {"id": "retrying", "uri": "lb://first", "predicates": ["Path=/retrying/**"],
                 "filters": ["StripPrefix=1", "AdaptiveRetry=nope"]}""", null);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("\"pointer\":\"/filters/1\"", "unknown retry policy nope");
    }

    @Test
    void theDryRunReportsProblemsAtTheFieldAndStoresNothing() {
        long before = admin().version();

        Exchange invalid = admin().write(HttpMethod.POST, "/validate", """
                {"route": {"id": "dry", "uri": "lb://first", "predicates": ["Teleport=now"]}}""", null);
        Exchange valid = admin().write(HttpMethod.POST, "/validate", """
                {"route": {"id": "dry", "uri": "lb://first", "predicates": ["Path=/dry/**"]}}""", null);

        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body()).contains("\"pointer\":\"/route/predicates/0/name\"", "unknown predicate Teleport");
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.body()).contains("\"valid\":true", "\"id\":\"dry\"");
        assertThat(admin().version()).isEqualTo(before);
    }

    @Test
    void writesWithoutRightsOrWithBadBodiesAreRefusedAndTheLiveVersionStays() {
        long before = admin().version();
        String etag = admin().get("/routes/chat").headers().get("ETag");
        String patch = "{\"metadata\": {\"x\": \"y\"}}";

        assertThat(new AdminClient(adminPort, null).write(HttpMethod.PATCH, "/routes/chat", patch, etag).status()).isEqualTo(401);
        assertThat(new AdminClient(adminPort, null).get("/routes").status()).isEqualTo(401);
        assertThat(new AdminClient(adminPort, TestUsers.viewer()).get("/routes").status()).isEqualTo(200);
        Exchange viewerWrite = new AdminClient(adminPort, TestUsers.viewer()).write(HttpMethod.PATCH, "/routes/chat", patch, etag);
        assertThat(viewerWrite.status()).isEqualTo(403);
        assertThat(viewerWrite.contentType()).isEqualTo("application/problem+json");
        assertThat(admin().write(HttpMethod.POST, "/routes", "{\"id\": \"big\", \"x\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}", null)
                .status()).isEqualTo(413);
        Exchange deep = admin().write(HttpMethod.PATCH, "/routes/chat", "{\"metadata\": " + "[".repeat(100) + "]".repeat(100) + "}", etag);
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.body()).contains("nesting depth");
        Exchange duplicate = admin().write(HttpMethod.PATCH, "/routes/chat", "{\"order\": 1, \"order\": 2}", etag);
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.body()).contains("Duplicate");
        assertThat(admin().version()).isEqualTo(before);
    }

    @Test
    void aSessionWriteNeedsTheCsrfTokenAndAForeignOriginIsRefused() {
        BrowserSession browser = BrowserSession.signIn(adminPort, TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        long before = admin().version();
        String etag = admin().get("/routes/chat").headers().get("ETag");
        String patch = "{\"metadata\": {\"via\": \"console\"}}";

        assertThat(browser.send(HttpMethod.PATCH, "/admin/api/routes/chat", patch, Map.of("If-Match", etag)).status()).isEqualTo(403);
        assertThat(admin().version()).isEqualTo(before);
        assertThat(browser.send(HttpMethod.PATCH, "/admin/api/routes/chat", patch,
                Map.of("If-Match", etag, "X-CSRF-TOKEN", browser.csrfToken(), "Origin", "http://evil.example")).status()).isEqualTo(403);
        assertThat(admin().version()).isEqualTo(before);

        Exchange accepted = browser.send(HttpMethod.PATCH, "/admin/api/routes/chat", patch,
                Map.of("If-Match", etag, "X-CSRF-TOKEN", browser.csrfToken()));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(admin().version()).isEqualTo(before + 1);
    }

    @Test
    void rollbackRestoresAnOlderVersionExactlyAndTheDiffShowsTheChange() {
        long original = admin().version();
        String etag = admin().get("/pools/second").headers().get("ETag");
        assertThat(admin().write(HttpMethod.PATCH, "/pools/second", "{\"static\": [\"" + first.address() + "\"]}", etag).status())
                .isEqualTo(200);
        long changed = admin().version();

        Exchange diff = admin().get("/versions/" + original + "/diff/" + changed);
        assertThat(diff.body()).contains("\"path\":\"/pools/second/static\"", "\"op\":\"replace\"");

        Exchange rollback = admin().write(HttpMethod.POST, "/versions/" + original + "/rollback", null, "\"v" + changed + "\"");
        assertThat(rollback.status()).isEqualTo(200);
        long restored = admin().version();
        assertThat(restored).isEqualTo(changed + 1);
        assertThat(document(admin().get("/versions/" + restored).body())).isEqualTo(document(admin().get("/versions/" + original).body()));
        assertThat(admin().get("/versions/" + changed + "/diff/" + restored).body()).contains("/pools/second/static");
    }

    @Test
    void exportAndImportRoundTripTheDocument() {
        Exchange exported = admin().get("/export");
        assertThat(exported.contentType()).startsWith("application/yaml");
        long before = admin().version();

        Exchange imported = admin().send(HttpMethod.PUT, "/import", exported.body(),
                Map.of("If-Match", exported.headers().get("ETag"), "Content-Type", "application/yaml"));

        assertThat(imported.status()).isEqualTo(200);
        assertThat(admin().version()).isEqualTo(before + 1);
        assertThat(admin().get("/export").body()).isEqualTo(exported.body());
    }

    @Test
    void anUnregisteredSectionIs404() {
        assertThat(admin().get("/sections/teleport").status()).isEqualTo(404);
        assertThat(admin().get("/sections/limits").status()).isEqualTo(200);
        assertThat(admin().get("/sections").status()).isEqualTo(200);
    }

    private static String document(String versionBody) {
        return versionBody.substring(versionBody.indexOf("\"document\""));
    }
}
