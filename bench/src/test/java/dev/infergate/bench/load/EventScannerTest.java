package dev.infergate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class EventScannerTest {

    private final EventScanner scanner = new EventScanner();

    @Test
    void oneEventPerChunk() {
        assertThat(accept("data: a\n\n")).isEqualTo(1);
        assertThat(accept("data: b\n\n")).isEqualTo(1);
    }

    @Test
    void anEventEndingAcrossTwoChunksCountsOnceInTheSecond() {
        assertThat(accept("data: a\n")).isZero();
        assertThat(accept("\ndata: b")).isEqualTo(1);
        assertThat(accept("\n\n")).isEqualTo(1);
    }

    @Test
    void coalescedEventsAreCountedInTheChunkThatCarriesThem() {
        assertThat(accept("data: a\n\ndata: b\n\ndata: c\n\n")).isEqualTo(3);
    }

    @Test
    void carriageReturnLineEndsAreEventEndsToo() {
        assertThat(accept("data: a\r\n\r\n")).isEqualTo(1);
    }

    @Test
    void theChunkIsNotConsumed() {
        ByteBuf chunk = Unpooled.copiedBuffer("data: a\n\n", StandardCharsets.US_ASCII);
        scanner.accept(chunk);
        assertThat(chunk.readableBytes()).isEqualTo(9);
        chunk.release();
    }

    private int accept(String text) {
        ByteBuf chunk = Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
        try {
            return scanner.accept(chunk);
        } finally {
            chunk.release();
        }
    }
}
