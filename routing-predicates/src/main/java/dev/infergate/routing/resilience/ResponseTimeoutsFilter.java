package dev.infergate.routing.resilience;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies the {@code Timeouts} filter's limits ({@link AttemptDeadlines}) to the response body as it
 * is written: the first chunk must arrive within what is left of {@code first-byte}, each further
 * chunk within {@code idle} of the previous one, and the body must end within what is left of
 * {@code total} ({@code stream-total} for {@code text/event-stream}).
 *
 * <p>An expiry before the first chunk is a {@code ResponseStatusException(GATEWAY_TIMEOUT)}: nothing
 * was written, so the gateway answers a 504 problem. After it the body fails with a
 * {@link TimeoutException}, which {@link StreamErrorFilter} (ordered around this one) turns into an
 * error event for streams. Routes without {@code Timeouts} are untouched.
 */
public final class ResponseTimeoutsFilter implements GlobalFilter, Ordered {

    public static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 2;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange.mutate().response(new LimitedResponse(exchange.getResponse(), exchange)).build());
    }

    private static final class LimitedResponse extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;

        LimitedResponse(ServerHttpResponse delegate, ServerWebExchange exchange) {
            super(delegate);
            this.exchange = exchange;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return super.writeWith(limit(Flux.from(body)));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            AttemptDeadlines deadlines = exchange.getAttribute(AttemptDeadlines.ATTRIBUTE);
            if (deadlines == null) {
                return super.writeAndFlushWith(body);
            }
            // one chunk per group, as the gateway writes streams: the limits apply to groups alike
            return super.writeAndFlushWith(limit(Flux.from(body).concatMap(Flux::from)).map(Mono::just));
        }

        private <T extends DataBuffer> Flux<DataBuffer> limit(Flux<T> body) {
            AttemptDeadlines deadlines = exchange.getAttribute(AttemptDeadlines.ATTRIBUTE);
            Flux<DataBuffer> chunks = body.map(DataBuffer.class::cast);
            if (deadlines == null) {
                return chunks;
            }
            TimeoutsSpec spec = deadlines.spec();
            long start = deadlines.startNanos();
            AtomicBoolean started = new AtomicBoolean();
            Mono<Long> first = spec.firstByte().map(limit -> Mono.delay(AttemptDeadlines.remaining(limit, start)))
                    .orElse(Mono.never());
            Flux<DataBuffer> limited = chunks.doOnNext(chunk -> started.set(true))
                    .timeout(first, chunk -> spec.idle().<Publisher<Long>>map(Mono::delay).orElse(Mono.never()));
            Optional<Duration> total = deadlines.total(isEventStream());
            if (total.isPresent()) {
                AtomicBoolean expired = new AtomicBoolean();
                limited = limited.takeUntilOther(Mono.delay(AttemptDeadlines.remaining(total.get(), start))
                                .doOnNext(tick -> expired.set(true)))
                        .concatWith(Mono.defer(() -> expired.get()
                                ? Mono.error(new TimeoutException("total " + total.get().toMillis() + " ms"))
                                : Mono.empty()));
            }
            return limited.onErrorMap(TimeoutException.class, expired -> started.get()
                    ? new TimeoutException("The upstream's body exceeded its time limit after it started: " + describe(spec))
                    : new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "The upstream sent no body within its time limit", expired));
        }

        private static String describe(TimeoutsSpec spec) {
            return "idle " + spec.idle().map(d -> d.toMillis() + " ms").orElse("none")
                    + ", total " + spec.total().map(d -> d.toMillis() + " ms").orElse("none")
                    + ", stream-total " + spec.streamTotal().map(d -> d.toMillis() + " ms").orElse("none");
        }

        private boolean isEventStream() {
            MediaType type = getHeaders().getContentType();
            return type != null && MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type);
        }
    }
}
