package dev.infergate.routing.admission;

import dev.infergate.routing.core.admission.Usage;
import dev.infergate.routing.core.usage.UsageScanner;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The built-in {@link UsageObserver}: decorates the response so that every buffer is scanned on
 * its way to the client ({@code text/event-stream} line by line, anything else as one JSON
 * document with a non-blocking parser) and nothing is held back. A buffer counts as forwarded
 * once it is handed to the connection. The listener hears once: when the body completes, fails
 * or is cancelled (the client went away), or when the exchange ends without a body.
 */
public final class StreamingUsageObserver implements UsageObserver {

    @Override
    public ServerWebExchange observe(ServerWebExchange exchange, UsageListener listener) {
        ObservingResponse response = new ObservingResponse(exchange.getResponse());
        ServerWebExchange observed = exchange.mutate().response(response).build();
        response.report = ending -> listener.onUsage(observed, response.observed(ending));
        return observed;
    }

    /** Tells the listener with what was seen so far unless it heard already; for the end of an exchange. */
    public static void finish(ServerWebExchange exchange, ObservedUsage.Ending ending) {
        if (exchange.getResponse() instanceof ObservingResponse response) {
            response.end(ending);
        }
    }

    private static final class ObservingResponse extends ServerHttpResponseDecorator {

        private final AtomicBoolean reported = new AtomicBoolean();
        private @Nullable UsageScanner scanner;
        private java.util.function.Consumer<ObservedUsage.Ending> report = ending -> { };

        ObservingResponse(ServerHttpResponse delegate) {
            super(delegate);
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return super.writeWith(ended(scanned(Flux.from(body))));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return super.writeAndFlushWith(ended(Flux.from(body).map(inner -> scanned(Flux.from(inner)))));
        }

        private Flux<? extends DataBuffer> scanned(Flux<? extends DataBuffer> body) {
            UsageScanner current = scanner();
            return body.doOnNext(buffer -> scan(current, buffer));
        }

        private <T> Flux<T> ended(Flux<T> body) {
            return body.doOnComplete(() -> end(ObservedUsage.Ending.COMPLETED))
                    .doOnError(error -> end(ObservedUsage.Ending.FAILED))
                    .doOnCancel(() -> end(ObservedUsage.Ending.CANCELLED));
        }

        private synchronized UsageScanner scanner() {
            if (scanner == null) {
                MediaType type = getHeaders().getContentType();
                scanner = UsageScanner.forContentType(type == null ? "application/json" : type.toString());
            }
            return scanner;
        }

        private static void scan(UsageScanner scanner, DataBuffer buffer) {
            int length = buffer.readableByteCount();
            byte[] bytes = new byte[length];
            buffer.toByteBuffer(buffer.readPosition(), java.nio.ByteBuffer.wrap(bytes), 0, length);
            synchronized (scanner) {
                scanner.feed(bytes, 0, length);
            }
        }

        /** Token counts when the upstream reported both, as the settlement needs them. */
        private static @Nullable Usage reported(dev.infergate.routing.core.usage.Usage usage) {
            return usage.inputTokens().isPresent() && usage.outputTokens().isPresent()
                    ? new Usage(usage.inputTokens().getAsLong(), usage.outputTokens().getAsLong())
                    : null;
        }

        void end(ObservedUsage.Ending ending) {
            if (reported.compareAndSet(false, true)) {
                report.accept(ending);
            }
        }

        synchronized ObservedUsage observed(ObservedUsage.Ending ending) {
            UsageScanner current = scanner;
            if (current == null) {
                return new ObservedUsage(null, 0, ending);
            }
            synchronized (current) {
                return new ObservedUsage(reported(current.usage()), current.completionChunks(), ending);
            }
        }
    }
}
