package dev.infergate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The embedded default as the README's run command starts it: the packaged routes and the demo
 * fleet of simulated servers behind {@code /v1/**} and {@code /v2/**}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@DirtiesContext
final class EmbeddedDefaultIT {

    @LocalServerPort
    int port;

    private HttpClient gateway() {
        return HttpClient.newConnection().baseUrl("http://127.0.0.1:" + port);
    }

    @Test
    void aChatCompletionStreamsThroughTheDemoFleet() {
        List<String> events = gateway().post().uri("/v1/chat/completions")
                .send(Mono.fromSupplier(() -> Unpooled.copiedBuffer(
                        "{\"model\":\"llama-3-8b-instruct\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],"
                                + "\"max_tokens\":8,\"stream\":true}", StandardCharsets.UTF_8)))
                .response((response, body) -> body.asString())
                .collectList()
                .block(Exchange.TIMEOUT);

        String stream = String.join("", events);
        assertThat(List.of(stream.split("\n\n"))).hasSize(8 + 2).last().isEqualTo("data: [DONE]");
        assertThat(stream).contains("\"object\":\"chat.completion.chunk\"");
    }

    @Test
    void everyDemoModelIsListedAndKserveIsReady() {
        assertThat(Exchange.get(gateway(), "/v1/models").body()).contains("llama-3-8b-instruct", "qwen2-7b-instruct");
        assertThat(Exchange.get(gateway(), "/v2/health/ready").status()).isEqualTo(200);
    }
}
