package dev.infergate.bench.proxy;

import dev.infergate.bench.process.CommandLine;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * The least a reverse proxy on Reactor Netty does: every request (HTTP/1.1 or h2c) is sent to one
 * backend over pooled HTTP/1.1 connections, and the response streams back as it arrives, chunk by
 * chunk. No routing, no filters, no error pages: its cost per request is the floor for a gateway on
 * this stack. Usage: {@code BareProxy --port P --backend host:port}; prints {@code ready <port>}.
 */
public final class BareProxy {

    /** Connection-level headers are the hop's own (RFC 9110 §7.6.1); h2 frames carry x-http2-* ones. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "host");

    private BareProxy() {
    }

    public static void main(String[] args) {
        CommandLine line = CommandLine.parse(args);
        HttpClient upstream = HttpClient.create(ConnectionProvider.builder("bare-proxy")
                        .maxConnections(16_384)
                        .pendingAcquireMaxCount(-1)
                        .build())
                .baseUrl("http://" + line.value("--backend"));
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(line.intValue("--port", 0))
                .protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
                .handle((request, response) -> upstream
                        .request(request.method())
                        .uri(request.uri())
                        .send((upstreamRequest, out) -> {
                            copy(request.requestHeaders(), upstreamRequest.requestHeaders());
                            return hasBody(request.requestHeaders()) ? out.send(request.receive().retain()) : out;
                        })
                        .response((upstreamResponse, body) -> {
                            response.status(upstreamResponse.status());
                            copy(upstreamResponse.responseHeaders(), response.responseHeaders());
                            return response.send(body.retain());
                        }))
                .bindNow();
        System.out.println("ready " + server.port());
        server.onDispose().block();
    }

    private static boolean hasBody(HttpHeaders headers) {
        return headers.contains(HttpHeaderNames.TRANSFER_ENCODING)
                || headers.getInt(HttpHeaderNames.CONTENT_LENGTH, 0) > 0;
    }

    private static void copy(HttpHeaders from, HttpHeaders to) {
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !name.startsWith("x-http2-")) {
                to.add(header.getKey(), header.getValue());
            }
        }
    }
}
