package dev.infergate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infergate.sim.SimServer;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

/** With an SSL bundle configured, the public port speaks TLS and negotiates h2 by ALPN. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.server.port=0", "server.ssl.bundle=gateway"})
@DirtiesContext
final class TlsIT {

    private static final String PASSWORD = "test-only-password";

    private static SimServer upstream;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws IOException, InterruptedException {
        upstream = Upstreams.simulator("tls-upstream", 21);
        Path keystore = selfSignedKeystore();
        registry.add("spring.ssl.bundle.jks.gateway.keystore.location", () -> keystore.toUri().toString());
        registry.add("spring.ssl.bundle.jks.gateway.keystore.password", () -> PASSWORD);
        registry.add("spring.ssl.bundle.jks.gateway.keystore.type", () -> "PKCS12");
        registry.add("infergate.seed", () -> Upstreams.seed("""
                pools: [{name: chat, static: [%s]}]
                routes: [{id: openai, uri: "lb://chat", predicates: ["Path=/v1/**"]}]
                """.formatted(upstream.address())).toString());
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @Test
    void h2IsNegotiatedOverTls() {
        HttpClient client = HttpClient.newConnection()
                .protocol(HttpProtocol.H2)
                .secure(spec -> spec.sslContext(Http2SslContextSpec.forClient()
                        .configure(builder -> builder.trustManager(InsecureTrustManagerFactory.INSTANCE))))
                .baseUrl("https://localhost:" + port);

        List<Object> answer = client.get().uri("/v1/models")
                .responseSingle((response, body) -> body.asString()
                        .map(text -> List.<Object>of(response.version().text(), response.status().code(), text)))
                .block(Exchange.TIMEOUT);

        assertThat(answer.get(0)).isEqualTo("HTTP/2.0");
        assertThat(answer.get(1)).isEqualTo(200);
        assertThat((String) answer.get(2)).contains(Upstreams.MODEL);
    }

    @Test
    void plainHttpIsNotServedOnTheTlsPort() {
        assertThat(HttpClient.newConnection().baseUrl("http://localhost:" + port).get().uri("/v1/models")
                .response().map(response -> response.status().code()).onErrorReturn(-1).block(Exchange.TIMEOUT))
                .isNotEqualTo(200);
    }

    /** A fresh self-signed certificate for localhost, made with the JDK's keytool. */
    private static Path selfSignedKeystore() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("infergate-tls");
        Path keystore = directory.resolve("gateway.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return keystore;
    }
}
