package dev.infergate.routing.testing;

import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;

/**
 * Request bodies for filter tests, in pooled Netty buffers as the server delivers them, so that
 * the leak check sees every buffer a filter forgets to release.
 */
public final class Bodies {

    public static final NettyDataBufferFactory NETTY = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);

    private Bodies() {
    }

    /** A body that arrives in chunks of at most {@code chunk} bytes, made as they are read. */
    public static Flux<DataBuffer> chunked(byte[] body, int chunk, AtomicInteger subscriptions) {
        return Flux.range(0, (body.length + chunk - 1) / chunk)
                .<DataBuffer>map(i -> NETTY.allocateBuffer(chunk).write(Arrays.copyOfRange(body, i * chunk, Math.min(body.length, (i + 1) * chunk))))
                .doOnSubscribe(subscription -> subscriptions.incrementAndGet());
    }

    public static Flux<DataBuffer> chunked(String body, int chunk) {
        return chunked(bytes(body), chunk, new AtomicInteger());
    }

    /** Reads a body to bytes, releasing its buffers. */
    public static byte[] read(Flux<DataBuffer> body) {
        return DataBufferUtils.join(body).map(buffer -> {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            DataBufferUtils.release(buffer);
            return bytes;
        }).defaultIfEmpty(new byte[0]).block();
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON chat request of about {@code size} bytes. */
    public static byte[] chatOfSize(String model, int size) {
        String head = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"";
        String tail = "\"}]}";
        return bytes(head + "x".repeat(Math.max(0, size - head.length() - tail.length())) + tail);
    }
}
