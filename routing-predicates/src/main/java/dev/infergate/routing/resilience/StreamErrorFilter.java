package dev.infergate.routing.resilience;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ends a server-sent event stream that fails after it started with an error event, then closes it:
 *
 * <pre>
 * event: error
 * data: {"error":{"message":"The upstream stream failed after it started; the answer is incomplete.","type":"upstream_error"}}
 * </pre>
 *
 * <p>The client keeps every event it received, is told the answer is incomplete, and gets no
 * {@code [DONE]}: a stream that failed midway is never retried (its tokens were delivered once) and
 * never finished for it. After the error event the failure goes on as it was, so the connection is
 * closed without the chunked body's end (the client cannot mistake the answer for a complete one)
 * and the load signals and access log record a failure. A failure before the first byte is left to the error handler (a 502 or
 * 504 problem). Other media types are untouched: their clients see the connection close.
 *
 * <p>Ordered around {@code NettyWriteResponseFilter}, the load-signal filter and
 * {@link ResponseTimeoutsFilter}, so that the decorated response is the one the upstream body is
 * written to and a timeout after the first byte ends in the error event too.
 */
public final class StreamErrorFilter implements GlobalFilter, Ordered {

    public static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 3;

    static final String ERROR_EVENT = "event: error\ndata: {\"error\":{\"message\":\"The upstream stream failed after it started; "
            + "the answer is incomplete.\",\"type\":\"upstream_error\"}}\n\n";

    private static final Logger log = LoggerFactory.getLogger(StreamErrorFilter.class);

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange.mutate().response(new GuardedResponse(exchange.getResponse())).build());
    }

    private static final class GuardedResponse extends ServerHttpResponseDecorator {

        private final AtomicBoolean started = new AtomicBoolean();

        GuardedResponse(ServerHttpResponse delegate) {
            super(delegate);
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            if (!isEventStream()) {
                return super.writeWith(body);
            }
            return super.writeWith(Flux.<DataBuffer>from(body).doOnNext(buffer -> started.set(true))
                    .onErrorResume(error -> started.get() ? Flux.concat(Mono.just(errorEvent(error)), Mono.error(error)) : Mono.error(error)));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            if (!isEventStream()) {
                return super.writeAndFlushWith(body);
            }
            Flux<Publisher<DataBuffer>> guarded = Flux.from(body)
                    .map(chunk -> (Publisher<DataBuffer>) Flux.<DataBuffer>from(chunk).doOnNext(buffer -> started.set(true)))
                    .onErrorResume(error -> started.get()
                            ? Flux.concat(Mono.just(Mono.just(errorEvent(error))), Mono.error(error))
                            : Mono.error(error));
            return super.writeAndFlushWith(guarded);
        }

        private boolean isEventStream() {
            MediaType type = getHeaders().getContentType();
            return type != null && MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type);
        }

        private DataBuffer errorEvent(Throwable error) {
            log.debug("Upstream stream failed after it started: {}", error.toString());
            return bufferFactory().wrap(ERROR_EVENT.getBytes(StandardCharsets.UTF_8));
        }
    }
}
