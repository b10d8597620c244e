package dev.infergate.gateway;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * One request and its whole answer, over a real socket. Tests open a connection per request
 * ({@code HttpClient.newConnection()}): the integration tests share one JVM, and a pooled
 * connection left in some state by one test must not decide how another one behaves.
 */
record Exchange(int status, HttpHeaders headers, String body) {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    static Exchange get(HttpClient client, String uri) {
        return send(client, HttpMethod.GET, uri, null);
    }

    static Exchange post(HttpClient client, String uri, String body) {
        return send(client, HttpMethod.POST, uri, body);
    }

    static Exchange send(HttpClient client, HttpMethod method, String uri, String body) {
        HttpClient.RequestSender sender = client.request(method).uri(uri);
        HttpClient.ResponseReceiver<?> receiver = body == null ? sender
                : sender.send(Mono.fromSupplier(() -> Unpooled.copiedBuffer(body, StandardCharsets.UTF_8)));
        return receiver.responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                        .map(text -> new Exchange(response.status().code(), response.responseHeaders(), text)))
                .block(TIMEOUT);
    }

    String contentType() {
        return headers.get("Content-Type");
    }
}
