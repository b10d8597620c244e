package dev.infergate.routing.body;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/**
 * A request that replays the cached body with one byte range replaced, and announces the new
 * length.
 *
 * <p>The body leaves as three buffers: a retained slice of the cached bytes before the range, the
 * replacement, and a retained slice after it. Every other byte is the client's own, and nothing
 * of the body is copied. Each subscription replays it again (retries may subscribe more than
 * once). {@code Content-Length} is set to the new length and {@code Transfer-Encoding} dropped:
 * the length is known.
 */
public final class SplicedBodyRequest extends ServerHttpRequestDecorator {

    private final DataBuffer cached;
    private final int start;
    private final int end;
    private final byte[] replacement;
    private final HttpHeaders headers;

    /**
     * @param cached the cached body (see {@link CachedRequestBody#cached}); not released here
     * @param start first byte replaced, relative to the body's start
     * @param end first byte kept after the replaced range
     */
    public SplicedBodyRequest(ServerHttpRequest delegate, DataBuffer cached, int start, int end, byte[] replacement) {
        super(delegate);
        if (start < 0 || end < start || end > cached.readableByteCount()) {
            throw new IndexOutOfBoundsException("range [" + start + ", " + end + ") of " + cached.readableByteCount() + " bytes");
        }
        this.cached = cached;
        this.start = start;
        this.end = end;
        this.replacement = replacement.clone();
        HttpHeaders copy = HttpHeaders.copyOf(delegate.getHeaders());
        copy.remove(HttpHeaders.TRANSFER_ENCODING);
        copy.setContentLength((long) cached.readableByteCount() - (end - start) + replacement.length);
        this.headers = HttpHeaders.readOnlyHttpHeaders(copy);
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

    /** Buffers are made as they are requested, so a cancelled replay leaves none behind. */
    @Override
    public Flux<DataBuffer> getBody() {
        return Flux.range(0, 3).mapNotNull(this::part);
    }

    private @Nullable DataBuffer part(int index) {
        return switch (index) {
            case 0 -> start == 0 ? null : CachedRequestBody.retainedSlice(cached, 0, start);
            case 1 -> replacement.length == 0 ? null : cached.factory().wrap(replacement.clone());
            default -> end == cached.readableByteCount() ? null
                    : CachedRequestBody.retainedSlice(cached, end, cached.readableByteCount() - end);
        };
    }
}
