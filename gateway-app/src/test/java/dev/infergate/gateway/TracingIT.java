package dev.infergate.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.infergate.sim.SimServer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.api.common.AttributeKey;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.netty.http.client.HttpClient;

/** W3C trace context reaches upstreams and the ids agree across upstream, access log and problem bodies. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "management.tracing.sampling.probability=1.0", "logging.level.infergate.access=INFO"})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
final class TracingIT {

    private static WireMockServer upstream;
    private static SimServer chat;

    @LocalServerPort
    int port;

    @Autowired
    InMemorySpanExporter spans;

    @TestConfiguration
    static class Spans {
        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        upstream = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        upstream.start();
        upstream.stubFor(get(urlEqualTo("/traced/v1/models")).willReturn(aResponse().withStatus(200).withBody("{}")));
        chat = Upstreams.simulator("traced-chat", 95);
        registry.add("infergate.seed", () -> Upstreams.seed("""
                pools:
                  - {name: wm, static: ["127.0.0.1:%d"]}
                  - {name: chat, static: ["%s"]}
                  - {name: dead, static: ["127.0.0.1:%d"]}
                routes:
                  - {id: traced, uri: "lb://wm", predicates: ["Path=/traced/**"]}
                  - {id: openai, uri: "lb://chat", predicates: ["Path=/v1/**"]}
                  - {id: dead, uri: "lb://dead", predicates: ["Path=/dead/**"]}
                """.formatted(upstream.port(), chat.address(), Upstreams.refusedPort())).toString());
    }

    @AfterAll
    static void stop() {
        upstream.stop();
        chat.close();
    }

    private HttpClient gateway() {
        return HttpClient.newConnection().baseUrl("http://127.0.0.1:" + port);
    }

    @Test
    void theUpstreamsTraceparentCarriesTheTraceIdOfTheAccessLogLine(CapturedOutput output) {
        assertThat(Exchange.get(gateway(), "/traced/v1/models").status()).isEqualTo(200);

        String traceparent = upstream.findAll(getRequestedFor(urlEqualTo("/traced/v1/models"))).get(0).getHeader("traceparent");
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        String traceId = traceparent.split("-")[1];
        await().until(() -> output.getOut().contains("\"path\":\"/traced/v1/models\""));
        assertThat(output.getOut()).contains("\"traceId\":\"" + traceId + "\"");
    }

    @Test
    void aProblemBodyCarriesTheTraceId() {
        Exchange problem = Exchange.get(gateway(), "/dead/v1/models");

        assertThat(problem.status()).isEqualTo(502);
        assertThat(problem.body()).containsPattern("\"traceId\":\"[0-9a-f]{32}\"");
    }

    @Test
    void theServerSpanOfAStreamedCompletionCarriesTheGenAiAttributes() {
        String stream = Exchange.post(gateway(), "/v1/chat/completions", """
                {"model":"llama-3-8b-instruct","messages":[{"content":"Tell me"}],"max_tokens":5,"stream":true,\
                "stream_options":{"include_usage":true}}""").body();
        assertThat(stream).endsWith("data: [DONE]\n\n");

        await().untilAsserted(() -> assertThat(inferenceSpans()).isNotEmpty());
        SpanData span = inferenceSpans().get(0);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("llama-3-8b-instruct");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.usage.input_tokens"))).isEqualTo("2");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.usage.output_tokens"))).isEqualTo("5");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.response.finish_reasons"))).isEqualTo("length");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("infergate.route"))).isEqualTo("openai");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("infergate.endpoint"))).isEqualTo(chat.address());
    }

    private List<SpanData> inferenceSpans() {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getAttributes().get(AttributeKey.stringKey("gen_ai.usage.output_tokens")) != null)
                .toList();
    }
}
