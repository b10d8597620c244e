package dev.infergate.routing.predicate;

import dev.infergate.routing.body.BodyRejection;
import dev.infergate.routing.body.CachedRequestBody;
import dev.infergate.routing.body.RequestBodyTooLargeException;
import dev.infergate.routing.core.json.FieldLookup;
import dev.infergate.routing.core.json.TopLevelStringField;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * Reads the model a request names, the same way for every predicate and filter.
 *
 * <p>Order: a header, when the caller names one (and then nothing else); else a KServe v2
 * inference path {@code /v2/models/{name}[/versions/{v}]/infer}; else the top-level string field
 * {@code model} of the JSON body. The body is read through {@link CachedRequestBody}, parsed once
 * per request (the result is kept in the {@link #BODY_MODEL_ATTRIBUTE} attribute, so several
 * {@code Model} predicates on different routes share it), and replayed unchanged.
 */
public final class RequestModels {

    /** The JSON field that names the model in OpenAI and KServe v2 request bodies. */
    public static final String FIELD = "model";

    /** Exchange attribute: the {@link FieldLookup} of the body's {@code model} field, once parsed. */
    public static final String BODY_MODEL_ATTRIBUTE = "infergate.model.body";

    /** What a request that names no model is expected to look like, for error messages. */
    public static final String EXPECTED = "expected: a JSON body with a string field \"model\" (OpenAI, KServe v2)"
            + " or the path /v2/models/{name}/infer (KServe v2)";

    private static final Pattern KSERVE_INFER = Pattern.compile("/v2/models/([^/]+)(?:/versions/[^/]+)?/infer");
    private static final TopLevelStringField MODEL_FIELD = new TopLevelStringField(FIELD);

    private RequestModels() {
    }

    /** The first non-blank value of the header, trimmed. */
    public static RequestModel fromHeader(ServerHttpRequest request, String header) {
        List<String> values = request.getHeaders().getOrEmpty(header);
        return values.stream().map(String::trim).filter(value -> !value.isEmpty()).findFirst()
                .<RequestModel>map(value -> new RequestModel.Named(value, RequestModel.Source.HEADER))
                .orElseGet(() -> new RequestModel.Unnamed("the header " + header + " is missing"));
    }

    /** The model of a KServe v2 inference path, decoded. */
    public static Optional<String> fromPath(ServerHttpRequest request) {
        Matcher matcher = KSERVE_INFER.matcher(request.getPath().pathWithinApplication().value());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String name = UriUtils.decode(matcher.group(1), StandardCharsets.UTF_8);
        return name.isBlank() ? Optional.empty() : Optional.of(name);
    }

    /**
     * The body's {@code model} field. Reads only an already cached body: without one the body counts
     * as empty. Parsed at most once per request.
     */
    public static FieldLookup bodyField(ServerWebExchange exchange) {
        FieldLookup known = exchange.getAttribute(BODY_MODEL_ATTRIBUTE);
        if (known != null) {
            return known;
        }
        FieldLookup parsed = CachedRequestBody.cached(exchange).map(RequestModels::parse)
                .orElseGet(() -> new FieldLookup.Missing(FieldLookup.Reason.EMPTY));
        exchange.getAttributes().put(BODY_MODEL_ATTRIBUTE, parsed);
        return parsed;
    }

    /** The model from the path, else from an already cached body (see {@link #bodyField}). */
    public static RequestModel fromPathOrCachedBody(ServerWebExchange exchange) {
        Optional<String> path = fromPath(exchange.getRequest());
        if (path.isPresent()) {
            return new RequestModel.Named(path.get(), RequestModel.Source.PATH);
        }
        FieldLookup field = bodyField(exchange);
        if (field instanceof FieldLookup.Found found && !found.value().isEmpty()) {
            return new RequestModel.Named(found.value(), RequestModel.Source.BODY);
        }
        return new RequestModel.Unnamed(field instanceof FieldLookup.Missing missing
                ? missing.reason().describe(FIELD) : "the \"model\" field is empty");
    }

    /**
     * The model for a predicate: from the path, else from the body, cached for the route that will be
     * chosen. The route is not known yet, so the gateway-wide cap applies. A body over it is recorded
     * as a {@link BodyRejection} (answered 413 once a route is chosen) and names no model.
     */
    public static Mono<RequestModel> whileMatching(ServerWebExchange exchange, long maxBytes) {
        if (fromPath(exchange.getRequest()).isPresent() || exchange.getAttribute(BODY_MODEL_ATTRIBUTE) != null) {
            return Mono.fromSupplier(() -> fromPathOrCachedBody(exchange));
        }
        if (BodyRejection.recorded(exchange).isPresent()) {
            return Mono.just(new RequestModel.Unnamed("the body is over the limit"));
        }
        return CachedRequestBody.cacheForPredicate(exchange, maxBytes, request -> Mono.fromSupplier(() -> fromPathOrCachedBody(exchange)))
                .onErrorResume(RequestBodyTooLargeException.class, tooLarge -> {
                    BodyRejection.record(exchange, tooLarge);
                    return Mono.just(new RequestModel.Unnamed(String.valueOf(tooLarge.getReason())));
                });
    }

    private static FieldLookup parse(DataBuffer cached) {
        // A retained view with its own read position: parsing must not move the cache's.
        DataBuffer view = CachedRequestBody.retainedSlice(cached, 0, cached.readableByteCount());
        try (InputStream json = view.asInputStream(true)) {
            return MODEL_FIELD.find(json);
        } catch (IOException closing) {
            throw new UncheckedIOException(closing);
        }
    }
}
