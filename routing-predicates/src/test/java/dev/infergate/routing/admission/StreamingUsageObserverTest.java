package dev.infergate.routing.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infergate.routing.core.admission.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

final class StreamingUsageObserverTest {

    private final List<ObservedUsage> heard = new ArrayList<>();

    private static DataBuffer text(String text) {
        return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aJsonAnswerReportsItsUsageOnceWhenWritten() {
        ServerWebExchange exchange = new StreamingUsageObserver().observe(
                MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions")), (e, usage) -> heard.add(usage));
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
        StepVerifier.create(exchange.getResponse().writeWith(Flux.just(text("{\"usage\":{\"prompt_tokens\":3,"),
                text("\"completion_tokens\":4}}")))).verifyComplete();
        StreamingUsageObserver.finish(exchange, ObservedUsage.Ending.COMPLETED);
        assertThat(heard).containsExactly(new ObservedUsage(new Usage(3, 4), 0, ObservedUsage.Ending.COMPLETED));
    }

    @Test
    void aCancelledStreamReportsTheChunksForwardedSoFar() {
        ServerWebExchange exchange = new StreamingUsageObserver().observe(
                MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions")), (e, usage) -> heard.add(usage));
        exchange.getResponse().getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
        StepVerifier.create(exchange.getResponse().writeWith(Flux.just(text("data: {\"choices\":[{\"text\":\"a\"}]}\n\n"))
                        .concatWith(Flux.never())))
                .thenAwait()
                .thenCancel()
                .verify();
        assertThat(heard).containsExactly(new ObservedUsage(null, 1, ObservedUsage.Ending.CANCELLED));
    }
}
