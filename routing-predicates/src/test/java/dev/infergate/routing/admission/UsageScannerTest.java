package dev.infergate.routing.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infergate.routing.core.admission.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class UsageScannerTest {

    private static void feedInPieces(UsageScanner scanner, String text, int piece) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += piece) {
            scanner.feed(bytes, i, Math.min(piece, bytes.length - i));
        }
    }

    @Test
    void anEventStreamCountsContentChunksAndReadsTheFinalUsageWhateverTheBufferBoundaries() {
        String stream = """
                data: {"id":"1","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}

                data: {"id":"1","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":null}]}

                data: {"id":"1","choices":[{"index":0,"delta":{},"finish_reason":"length"}]}

                data: {"id":"1","choices":[],"usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}}

                data: [DONE]

                """;
        for (int piece : new int[] {1, 3, 17, 4096}) {
            SseUsageScanner scanner = new SseUsageScanner();
            feedInPieces(scanner, stream, piece);
            assertThat(scanner.completionChunks()).as("pieces of %d", piece).isEqualTo(2);
            assertThat(scanner.usage()).isEqualTo(new Usage(7, 2));
        }
    }

    @Test
    void aStreamCutBeforeItsUsageReportsOnlyTheChunksSeen() {
        SseUsageScanner scanner = new SseUsageScanner();
        feedInPieces(scanner, "data: {\"choices\":[{\"text\":\"a\"}]}\n\ndata: {\"choices\":[{\"te", 5);
        assertThat(scanner.completionChunks()).isEqualTo(1);
        assertThat(scanner.usage()).isNull();
    }

    @Test
    void aJsonAnswerGivesItsTopLevelUsageAndIgnoresNestedOnes() {
        String body = "{\"id\":\"x\",\"choices\":[{\"message\":{\"content\":\"hi\",\"usage\":{\"prompt_tokens\":99,\"completion_tokens\":99}}}],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":30,\"total_tokens\":42}}";
        for (int piece : new int[] {1, 7, 4096}) {
            JsonUsageScanner scanner = new JsonUsageScanner();
            feedInPieces(scanner, body, piece);
            assertThat(scanner.usage()).as("pieces of %d", piece).isEqualTo(new Usage(12, 30));
        }
    }
}
