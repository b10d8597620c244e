package dev.infergate.sim.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** Small helpers to answer over Reactor Netty. */
final class Replies {

    static final String JSON = "application/json";

    private Replies() {
    }

    static Mono<Void> json(HttpServerResponse response, int status, String body) {
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, JSON)
                .sendString(Mono.just(body), StandardCharsets.UTF_8)
                .then();
    }

    /** Streams server-sent events, flushing each one as it is produced. */
    static Mono<Void> eventStream(HttpServerResponse response, Publisher<String> events) {
        return response.status(HttpResponseStatus.OK)
                .header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .send(Flux.from(events).map(Replies::buffer), buffer -> true)
                .then();
    }

    private static ByteBuf buffer(String text) {
        return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Closes the connection with a TCP reset once the writes queued before it are done. */
    static void reset(HttpServerResponse response) {
        response.withConnection(connection -> connection.channel().eventLoop().execute(() -> {
            connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            connection.channel().close();
        }));
    }
}
