package dev.infergate.routing.body;

import dev.infergate.routing.core.ByteBudget;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/**
 * A request whose body fails with {@link RequestBodyTooLargeException} as soon as more than the
 * cap has arrived, whether the length was declared or the body is chunked. The chunk that crosses
 * the cap is released, nothing past it is read.
 */
public final class BoundedBodyRequest extends ServerHttpRequestDecorator {

    private final long maxBytes;

    public BoundedBodyRequest(ServerHttpRequest delegate, long maxBytes) {
        super(delegate);
        this.maxBytes = maxBytes;
    }

    @Override
    public Flux<DataBuffer> getBody() {
        return Flux.defer(() -> {
            ByteBudget budget = new ByteBudget(maxBytes);
            return super.getBody().handle((buffer, sink) -> {
                if (budget.consume(buffer.readableByteCount()) == ByteBudget.Outcome.EXCEEDED) {
                    DataBufferUtils.release(buffer);
                    sink.error(new RequestBodyTooLargeException(maxBytes));
                } else {
                    sink.next(buffer);
                }
            });
        });
    }

    /** Whether the declared {@code Content-Length}, if any, is already over the cap. */
    public static boolean declaredTooLarge(ServerHttpRequest request, long maxBytes) {
        long declared = request.getHeaders().getContentLength();
        return declared >= 0 && new ByteBudget(maxBytes).admitsDeclared(declared) == ByteBudget.Outcome.EXCEEDED;
    }
}
