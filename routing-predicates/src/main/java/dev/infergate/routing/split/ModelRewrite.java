package dev.infergate.routing.split;

import dev.infergate.routing.body.CachedRequestBody;
import dev.infergate.routing.body.SplicedBodyRequest;
import dev.infergate.routing.core.json.FieldLookup;
import dev.infergate.routing.predicate.RequestModels;
import java.util.function.Predicate;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Replaces the value of the JSON body's top-level {@code model} field, and nothing else: the
 * cached body is replayed with the old string token spliced out and the new one, JSON-escaped, in
 * its place; {@code Content-Length} follows. A body without a string {@code model} is forwarded
 * unchanged. The test is made on the model as the client sent it.
 */
final class ModelRewrite {

    private ModelRewrite() {
    }

    static Mono<Void> apply(ServerWebExchange exchange, GatewayFilterChain chain, long maxBytes,
            Predicate<String> when, String model) {
        return CachedRequestBody.cache(exchange, maxBytes, request -> {
            ServerHttpRequest forwarded = request;
            FieldLookup field = RequestModels.bodyField(exchange);
            DataBuffer cached = CachedRequestBody.cached(exchange).orElse(null);
            if (field instanceof FieldLookup.Found found && cached != null && when.test(found.value())) {
                forwarded = new SplicedBodyRequest(request, cached, found.start(), found.end(), quoted(model));
            }
            return chain.filter(exchange.mutate().request(forwarded).build());
        });
    }

    /** The JSON string token for this value, quotes included, UTF-8. */
    static byte[] quoted(String value) {
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
        byte[] token = new byte[escaped.length + 2];
        token[0] = '"';
        System.arraycopy(escaped, 0, token, 1, escaped.length);
        token[token.length - 1] = '"';
        return token;
    }
}
