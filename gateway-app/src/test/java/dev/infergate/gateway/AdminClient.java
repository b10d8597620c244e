package dev.infergate.gateway;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** Calls the admin API on the admin port over a real socket, as one user. */
final class AdminClient {

    private final HttpClient client;

    AdminClient(int adminPort, String authorization) {
        this.client = HttpClient.newConnection().baseUrl("http://127.0.0.1:" + adminPort + "/admin/api")
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set("Authorization", authorization);
                    }
                });
    }

    static AdminClient operator(int adminPort) {
        return new AdminClient(adminPort, TestUsers.operator());
    }

    Exchange get(String path) {
        return send(HttpMethod.GET, path, null, Map.of());
    }

    Exchange send(HttpMethod method, String path, String body, Map<String, String> headers) {
        HttpClient.RequestSender sender = client
                .headers(each -> headers.forEach(each::set))
                .headers(each -> {
                    if (body != null && !each.contains("Content-Type")) {
                        each.set("Content-Type", "application/json");
                    }
                })
                .request(method).uri(path);
        HttpClient.ResponseReceiver<?> receiver = body == null ? sender
                : sender.send(Mono.fromSupplier(() -> Unpooled.copiedBuffer(body, StandardCharsets.UTF_8)));
        return receiver.responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                        .map(text -> new Exchange(response.status().code(), response.responseHeaders(), text)))
                .block(Exchange.TIMEOUT);
    }

    Exchange write(HttpMethod method, String path, String body, String etag) {
        return send(method, path, body, etag == null ? Map.of() : Map.of("If-Match", etag));
    }

    long version() {
        return Long.parseLong(get("/routes").headers().get("Infergate-Version"));
    }
}
