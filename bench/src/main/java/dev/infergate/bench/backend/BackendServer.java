package dev.infergate.bench.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import dev.infergate.bench.process.CommandLine;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The backend behind every contender, on one loopback port speaking HTTP/1.1 (keep-alive) and h2c
 * (prior knowledge):
 *
 * <ul>
 *   <li>{@code GET /fixed}: 200 with the 12-byte body {@code hello world\n} and a Content-Length;
 *   <li>{@code GET /sse}: {@code text/event-stream} of {@code events} events, one every
 *       {@code interval_ms} (the first at once), defaults from the command line;
 *   <li>{@code GET /sse/idle}: one event, then nothing until the client goes away.
 * </ul>
 *
 * <p>Every event is one {@code data:} line of about 90 bytes, the size of an LLM token chunk,
 * ended by a blank line. Usage: {@code BackendServer --port P [--sse-events 256]
 * [--sse-interval-ms 50]}; it prints {@code ready <port>} once bound.
 */
public final class BackendServer {

    /** The body of {@code /fixed}. */
    public static final String FIXED_BODY = "hello world\n";

    private static final byte[] FIXED = FIXED_BODY.getBytes(StandardCharsets.US_ASCII);

    private final int defaultEvents;
    private final Duration defaultInterval;

    BackendServer(int defaultEvents, Duration defaultInterval) {
        this.defaultEvents = defaultEvents;
        this.defaultInterval = defaultInterval;
    }

    public static void main(String[] args) {
        CommandLine line = CommandLine.parse(args);
        BackendServer backend = new BackendServer(line.intValue("--sse-events", 256),
                Duration.ofMillis(line.intValue("--sse-interval-ms", 50)));
        DisposableServer server = backend.bind(line.intValue("--port", 0));
        System.out.println("ready " + server.port());
        server.onDispose().block();
    }

    DisposableServer bind(int port) {
        return HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
                .route(routes -> routes
                        .get("/fixed", (request, response) -> fixed(response))
                        .get("/sse", this::stream)
                        .get("/sse/idle", (request, response) -> idle(response)))
                .bindNow();
    }

    private static Publisher<Void> fixed(HttpServerResponse response) {
        return response.header(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(FIXED.length))
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(FIXED)));
    }

    private Publisher<Void> stream(HttpServerRequest request, HttpServerResponse response) {
        Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
        int events = intParameter(query, "events", defaultEvents);
        Duration interval = query.containsKey("interval_ms")
                ? Duration.ofMillis(intParameter(query, "interval_ms", 0)) : defaultInterval;
        return response.sse().send(Flux.interval(Duration.ZERO, interval).take(events).map(BackendServer::event));
    }

    private static Publisher<Void> idle(HttpServerResponse response) {
        return response.sse().send(Mono.fromSupplier(() -> event(0)).concatWith(Flux.never()));
    }

    private static ByteBuf event(long index) {
        String data = "data: {\"object\":\"chat.completion.chunk\",\"index\":" + index
                + ",\"delta\":{\"content\":\" token\"}}\n\n";
        return Unpooled.wrappedBuffer(data.getBytes(StandardCharsets.US_ASCII));
    }

    private static int intParameter(Map<String, List<String>> query, String name, int fallback) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? fallback : Integer.parseInt(values.get(0));
    }
}
