package dev.infergate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.infergate.sim.SimServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

/** The data plane over real sockets: streaming, the gateway's own errors, protocols and ports. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@DirtiesContext
final class GatewayFoundationIT {

    private static final String STREAM_REQUEST = """
            {"model":"llama-3-8b-instruct","messages":[{"role":"user","content":"Tell me about gateways"}],\
            "max_tokens":12,"stream":true,"stream_options":{"include_usage":true}}""";

    private static SimServer chat;
    private static SimServer slow;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int adminPort;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        chat = Upstreams.simulator("chat-0", 11);
        slow = Upstreams.simulator("slow-0", 12);
        registry.add("infergate.seed", () -> Upstreams.seed("""
                pools:
                  - name: chat
                    static: [%s]
                  - name: slow
                    static: [%s]
                  - name: dead
                    static: [127.0.0.1:%d]
                routes:
                  - id: openai
                    uri: lb://chat
                    predicates: [Path=/v1/**]
                  - id: slow
                    uri: lb://slow
                    predicates: [Path=/slow/**]
                    filters: [StripPrefix=1]
                    metadata: {response-timeout: 300}
                  - id: dead
                    uri: lb://dead
                    predicates: [Path=/dead/**]
                    filters: [StripPrefix=1]
                  - id: catch-all
                    uri: lb://chat
                    order: 1000
                    predicates: [Host=catchall.test, Path=/**]
                """.formatted(chat.address(), slow.address(), Upstreams.refusedPort())).toString());
    }

    @AfterAll
    static void stopUpstreams() {
        chat.close();
        slow.close();
    }

    @BeforeEach
    void resetUpstreams() {
        chat.faults().clear();
        slow.faults().clear();
    }

    private HttpClient gateway() {
        return HttpClient.newConnection().baseUrl("http://127.0.0.1:" + port);
    }

    private HttpClient admin() {
        return HttpClient.newConnection().baseUrl("http://127.0.0.1:" + adminPort);
    }

    @Test
    void aHeldStreamDeliversItsFirstEventAtOnceAndTheRestAfterReleaseByteIdenticalToADirectCall() {
        chat.faults().hold();
        List<String> received = new CopyOnWriteArrayList<>();
        Disposable stream = gateway().post().uri("/v1/chat/completions")
                .send(body(STREAM_REQUEST))
                .response((response, content) -> content.asString())
                .subscribe(received::add);
        try {
            await().until(() -> String.join("", received).contains("\n\n"));
            assertThat(String.join("", received).split("\n\n")).hasSize(1);
            assertThat(chat.stats().tokensEmitted()).isEqualTo(1);

            chat.faults().release();
            await().until(() -> String.join("", received).endsWith("data: [DONE]\n\n"));
        } finally {
            stream.dispose();
        }
        String direct = Exchange.post(HttpClient.newConnection().baseUrl(chat.baseUrl()), "/v1/chat/completions", STREAM_REQUEST).body();
        assertThat(String.join("", received)).isEqualTo(direct);
        assertThat(direct.split("\n\n")).hasSize(12 + 3);
    }

    @Test
    void anUnknownRouteIs404ProblemJson() {
        Exchange answer = Exchange.get(gateway(), "/nowhere");

        assertProblem(answer, 404, "no-route", "No route", "No route matches GET /nowhere.");
        assertGatewayStillServes();
    }

    @Test
    void aRefusedUpstreamIs502ProblemJson() {
        Exchange answer = Exchange.get(gateway(), "/dead/v1/models");

        assertProblem(answer, 502, "upstream-unavailable", "Upstream unavailable", "The upstream refused the connection.");
        assertGatewayStillServes();
    }

    @Test
    void aSlowFirstByteIs504ProblemJson() {
        slow.faults().set(slow.faults().current().withSlowFirstByteMillis(3_000));

        Exchange answer = Exchange.post(gateway(), "/slow/v1/chat/completions", STREAM_REQUEST);

        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("\"type\":\"https://infergate.dev/problems/upstream-timeout\"",
                "\"title\":\"Upstream timeout\"", "\"status\":504", "\"requestId\":\"");
        assertGatewayStillServes();
    }

    @Test
    void aDeclaredBodyOverTheCapIs413ProblemJson() {
        Exchange answer = Exchange.post(gateway(), "/v1/chat/completions", "x".repeat(1024 * 1024 + 1));

        assertProblem(answer, 413, "body-too-large", "Request body too large",
                "The request body exceeds the limit of 1048576 bytes.");
        assertGatewayStillServes();
    }

    @Test
    void aChunkedBodyOverTheCapIs413ProblemJson() {
        byte[] chunk = new byte[64 * 1024];
        Flux<ByteBuf> chunked = Flux.range(0, 20).map(i -> Unpooled.wrappedBuffer(chunk));

        Exchange answer = gateway().post().uri("/v1/chat/completions")
                .send(chunked)
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                        .map(text -> new Exchange(response.status().code(), response.responseHeaders(), text)))
                .block(Exchange.TIMEOUT);

        assertThat(answer.headers().get("Transfer-Encoding")).isNull();
        assertProblem(answer, 413, "body-too-large", "Request body too large",
                "The request body exceeds the limit of 1048576 bytes.");
        assertGatewayStillServes();
    }

    @Test
    void anOversizedHeaderGetsTheCodecs431AndTheConnectionCloses() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/models HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(32 * 1024) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readUntilClosed(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 431");
        }
        assertGatewayStillServes();
    }

    /**
     * A request that arrives on a keep-alive connection before the previous one has finished on the
     * server is queued; when the queued one is answered at once (here: no route), the connection
     * must go on reading. With Reactor Netty 1.3.6 it did not, and the third request hung.
     */
    @Test
    void aKeepAliveConnectionKeepsServingAfterAQueuedRequestIsAnsweredAtOnce() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET /v1/models HTTP/1.1\r\nHost: localhost\r\n\r\nGET /unknown/a HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
            assertThat(readResponse(in)).startsWith("HTTP/1.1 404");

            out.write("GET /unknown/b HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 404").contains("No route matches GET /unknown/b");
        }
    }

    @Test
    void h2cWorksWithPriorKnowledgeAndWithUpgrade() {
        for (HttpProtocol[] protocols : List.of(new HttpProtocol[] {HttpProtocol.H2C},
                new HttpProtocol[] {HttpProtocol.HTTP11, HttpProtocol.H2C})) {
            HttpVersion version = gateway().protocol(protocols).get().uri("/v1/models")
                    .responseSingle((response, content) -> content.asString().thenReturn(response.version()))
                    .block(Exchange.TIMEOUT);
            assertThat(version.text()).isEqualTo("HTTP/2.0");
        }
    }

    @Test
    void adminPathsAre404OnThePublicPortEvenUnderACatchAllRoute() {
        HttpClient catchAll = gateway().headers(headers -> headers.set("Host", "catchall.test"));

        assertThat(Exchange.get(catchAll, "/v1/models").status()).isEqualTo(200);
        for (String path : List.of("/actuator/health", "/actuator", "/admin/", "/admin/api/routes")) {
            Exchange answer = Exchange.get(catchAll, path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.contentType()).as(path).isEqualTo("application/problem+json");
        }
    }

    @Test
    void theAdminPortServesActuatorButNoProxiedRoute() {
        assertThat(Exchange.get(admin(), "/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(Exchange.get(admin(), "/actuator/prometheus").status()).isEqualTo(200);
        assertThat(Exchange.get(admin(), "/v1/models").status()).isEqualTo(404);
        assertThat(Exchange.get(admin().headers(h -> h.set("Host", "catchall.test")), "/v1/models").status()).isEqualTo(404);
    }

    @Test
    void theGatewayActuatorEndpointIsNotExposed() {
        HttpClient operator = admin().headers(h -> h.set("Authorization", TestUsers.operator()));

        assertThat(Exchange.get(operator, "/actuator/gateway/routes").status()).isEqualTo(404);
        assertThat(Exchange.get(operator, "/actuator/gateway/routedefinitions").status()).isEqualTo(404);
        assertThat(Exchange.get(operator, "/actuator").body()).contains("\"health\"").doesNotContain("gateway");
    }

    private void assertGatewayStillServes() {
        Exchange models = Exchange.get(gateway(), "/v1/models");
        assertThat(models.status()).isEqualTo(200);
        assertThat(models.body()).contains(Upstreams.MODEL);
    }

    private static void assertProblem(Exchange answer, int status, String slug, String title, String detail) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body())
                .contains("\"type\":\"https://infergate.dev/problems/" + slug + "\"")
                .contains("\"title\":\"" + title + "\"")
                .contains("\"status\":" + status)
                .contains("\"detail\":\"" + detail + "\"")
                .containsPattern("\"requestId\":\"[^\"]+\"");
    }

    private static Flux<ByteBuf> body(String text) {
        return Flux.just(text).map(each -> Unpooled.copiedBuffer(each, StandardCharsets.UTF_8));
    }

    /** One HTTP/1.1 response with a Content-Length, read off a kept-alive connection. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next == -1) {
                throw new EOFException("connection closed after " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(next);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(headers);
        assertThat(length.find()).as("Content-Length in %s", headers).isTrue();
        return headers + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int read; (read = in.read(buffer)) != -1; ) {
            all.write(buffer, 0, read);
        }
        return all.toString(StandardCharsets.US_ASCII);
    }
}
