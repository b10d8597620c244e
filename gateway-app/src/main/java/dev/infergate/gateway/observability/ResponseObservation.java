package dev.infergate.gateway.observability;

import dev.infergate.routing.core.usage.UsageScanner;
import java.nio.ByteBuffer;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * What one response's body did as it passed: when its first byte left, how many bytes, the gaps
 * between chunks, and its usage (read by a {@link UsageScanner} without keeping the body).
 */
final class ResponseObservation {

    private final long startNanos;
    private volatile long firstByteNanos = -1;
    private long lastChunkNanos = -1;
    private long bytes;
    private boolean bodyCompleted;
    private long requestBytes;
    private @Nullable UsageScanner scanner;
    private @Nullable LongConsumer gaps;

    ResponseObservation(long startNanos) {
        this.startNanos = startNanos;
    }

    /** Starts reading usage and recording chunk gaps once the response's content type is known. */
    synchronized void begin(UsageScanner scanner, @Nullable LongConsumer gaps) {
        if (this.scanner == null) {
            this.scanner = scanner;
            this.gaps = gaps;
        }
    }

    synchronized void onChunk(DataBuffer buffer, long nowNanos) {
        if (firstByteNanos < 0) {
            firstByteNanos = nowNanos - startNanos;
        } else if (gaps != null && lastChunkNanos >= 0) {
            gaps.accept(nowNanos - lastChunkNanos);
        }
        lastChunkNanos = nowNanos;
        bytes += buffer.readableByteCount();
        if (scanner != null) {
            try (DataBuffer.ByteBufferIterator iterator = buffer.readableByteBuffers()) {
                while (iterator.hasNext()) {
                    ByteBuffer chunk = iterator.next();
                    byte[] copy = new byte[chunk.remaining()];
                    chunk.get(copy);
                    scanner.feed(copy, 0, copy.length);
                }
            }
        }
    }

    /** The response body has been handed to the connection in full. */
    synchronized void onBodyCompleted() {
        bodyCompleted = true;
    }

    synchronized boolean bodyCompleted() {
        return bodyCompleted;
    }

    synchronized void onRequestChunk(int readable) {
        requestBytes += readable;
    }

    long firstByteNanos() {
        return firstByteNanos;
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized long requestBytes() {
        return requestBytes;
    }

    synchronized UsageScanner scanner() {
        return scanner != null ? scanner : UsageScanner.NONE;
    }

    long startNanos() {
        return startNanos;
    }
}
