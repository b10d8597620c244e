package dev.infergate.routing.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class UsageScannerTest {

    private static final String COMPLETION = """
            {"id":"chatcmpl-1","object":"chat.completion","model":"llama-3-8b-instruct",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"hi","model":"not-this-one"},"finish_reason":"length"}],\
            "usage":{"prompt_tokens":12,"completion_tokens":34,"total_tokens":46}}""";

    private static final String STREAM = """
            data: {"id":"c","model":"qwen2-7b-instruct","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null}]}

            data: {"id":"c","model":"qwen2-7b-instruct","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

            data: {"id":"c","model":"qwen2-7b-instruct","choices":[],"usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}}

            data: [DONE]

            """;

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 64, 4096})
    void aJsonCompletionIsReadWhateverItsChunking(int chunkSize) {
        Usage usage = feed(UsageScanner.forContentType("application/json"), COMPLETION, chunkSize);

        assertThat(usage).isEqualTo(new Usage("llama-3-8b-instruct", OptionalLong.of(12), OptionalLong.of(34), List.of("length")));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 33, 4096})
    void anSseStreamIsReadWhateverItsChunking(int chunkSize) {
        Usage usage = feed(UsageScanner.forContentType("text/event-stream;charset=UTF-8"), STREAM, chunkSize);

        assertThat(usage).isEqualTo(new Usage("qwen2-7b-instruct", OptionalLong.of(7), OptionalLong.of(2), List.of("stop")));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 9, 4096})
    void anSseStreamCountsTheChunksThatCarriedGeneratedText(int chunkSize) {
        UsageScanner scanner = UsageScanner.forContentType("text/event-stream");
        feed(scanner, STREAM, chunkSize);

        assertThat(scanner.completionChunks()).isEqualTo(1);
        UsageScanner text = UsageScanner.forContentType("text/event-stream");
        feed(text, """
                data: {"choices":[{"text":"a","index":0}]}

                data: {"choices":[{"text":"","index":0,"finish_reason":"length"}]}

                data: {"choices":[{"text":"b","index":0,"usage":{"completion_tokens":99}}]}

                """, chunkSize);
        assertThat(text.completionChunks()).isEqualTo(2);
        assertThat(text.usage().outputTokens()).isEmpty();
    }

    @Test
    void aStreamCutBeforeItsUsageReportsNone() {
        Usage usage = feed(UsageScanner.forContentType("text/event-stream"), STREAM.substring(0, STREAM.indexOf("\"usage\"")), 100);

        assertThat(usage.reported()).isFalse();
        assertThat(usage.model()).isEqualTo("qwen2-7b-instruct");
    }

    @Test
    void garbageAndOtherContentTypesReadNothingAndNeverFail() {
        assertThat(feed(UsageScanner.forContentType("application/json"), "{\"model\": [}}}", 3).reported()).isFalse();
        assertThat(feed(UsageScanner.forContentType("text/event-stream"), "data: {not json\n\n", 2)).isEqualTo(Usage.NONE);
        assertThat(feed(UsageScanner.forContentType("application/octet-stream"), COMPLETION, 10)).isEqualTo(Usage.NONE);
    }

    private static Usage feed(UsageScanner scanner, String body, int chunkSize) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int offset = 0; offset < bytes.length; offset += chunkSize) {
            scanner.feed(bytes, offset, Math.min(chunkSize, bytes.length - offset));
        }
        return scanner.usage();
    }
}
