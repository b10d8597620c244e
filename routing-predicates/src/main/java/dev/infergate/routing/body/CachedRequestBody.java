package dev.infergate.routing.body;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway's one cached copy of a request body.
 *
 * <p>The body is read once, bounded by the cap (413 beyond it, for declared and chunked lengths
 * alike), kept as one buffer in Spring Cloud Gateway's {@code cachedRequestBody} exchange
 * attribute, and replayed to the upstream as retained slices of that buffer: no second copy. The
 * gateway's {@code RemoveCachedBodyFilter} releases the buffer when the exchange ends. Everyone who
 * needs the body (model matching, retries, token estimates, mirroring) reads it from here.
 */
public final class CachedRequestBody {

    private CachedRequestBody() {
    }

    /** Caches the body, then continues with a request that replays it. Usable in filters. */
    public static <T> Mono<T> cache(ServerWebExchange exchange, long maxBytes, Function<ServerHttpRequest, Mono<T>> then) {
        return Mono.defer(() -> {
            if (BoundedBodyRequest.declaredTooLarge(exchange.getRequest(), maxBytes)) {
                return Mono.error(new RequestBodyTooLargeException(maxBytes));
            }
            return ServerWebExchangeUtils.cacheRequestBody(bounded(exchange, maxBytes), then);
        });
    }

    /**
     * Caches the body from a predicate, which cannot replace the exchange's request: the replaying
     * request is kept in an attribute that the gateway applies once the route is chosen.
     */
    public static <T> Mono<T> cacheForPredicate(ServerWebExchange exchange, long maxBytes,
            Function<ServerHttpRequest, Mono<T>> then) {
        return Mono.defer(() -> {
            if (BoundedBodyRequest.declaredTooLarge(exchange.getRequest(), maxBytes)) {
                return Mono.error(new RequestBodyTooLargeException(maxBytes));
            }
            return ServerWebExchangeUtils.cacheRequestBodyAndRequest(bounded(exchange, maxBytes), then);
        });
    }

    /** The cached body, if this request's body was cached and is not empty. */
    public static Optional<DataBuffer> cached(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(CACHED_REQUEST_BODY_ATTR));
    }

    /**
     * A retained view of {@code length} bytes of a cached body, from {@code index} (relative to its
     * read position), sharing the cached memory: no copy for the gateway's Netty buffers. Whoever
     * receives it releases it. It is valid while the exchange lasts: when the exchange ends the
     * gateway releases the cached buffer completely, views included, so work that may outlive the
     * exchange (a shadow request) needs its own copy.
     */
    public static DataBuffer retainedSlice(DataBuffer cached, int index, int length) {
        if (index < 0 || length < 0 || index + length > cached.readableByteCount()) {
            throw new IndexOutOfBoundsException("slice [" + index + ", " + (index + length) + ") of "
                    + cached.readableByteCount() + " bytes");
        }
        if (cached instanceof NettyDataBuffer netty) {
            return netty.factory().wrap(netty.getNativeBuffer().retainedSlice(netty.readPosition() + index, length));
        }
        // Other buffers are not reference counted: a view of their memory is enough.
        try (DataBuffer.ByteBufferIterator views = cached.readableByteBuffers()) {
            ByteBuffer view = views.next();
            if (!views.hasNext()) {
                return DefaultDataBufferFactory.sharedInstance.wrap(view.slice(index, length));
            }
        }
        ByteBuffer copy = ByteBuffer.allocate(length);
        cached.toByteBuffer(cached.readPosition() + index, copy, 0, length);
        return DefaultDataBufferFactory.sharedInstance.wrap(copy);
    }

    private static ServerWebExchange bounded(ServerWebExchange exchange, long maxBytes) {
        return exchange.mutate().request(new BoundedBodyRequest(exchange.getRequest(), maxBytes)).build();
    }
}
