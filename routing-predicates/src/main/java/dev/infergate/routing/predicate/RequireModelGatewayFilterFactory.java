package dev.infergate.routing.predicate;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import dev.infergate.routing.body.BodyLimits;
import dev.infergate.routing.body.CachedRequestBody;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code RequireModel}: answers 400 when the request names no model, with the reason, for routes
 * that must know the model (a model-routed path's last route, or one that meters by model).
 *
 * <p>Short form {@code RequireModel} (no argument) reads the model as the {@code Model} predicate
 * does: KServe v2 path, else the JSON body's top-level string {@code model}, read through the
 * shared cached body with the route's cap and replayed unchanged. {@code RequireModel=X-Model}
 * ({@link #shortcutFieldOrder()}: {@code header}) requires the header instead. The message reads,
 * for example: {@code No model in the request: the JSON body has no top-level "model" field;
 * expected: a JSON body with a string field "model" (OpenAI, KServe v2) or the path
 * /v2/models/{name}/infer (KServe v2).}
 */
public final class RequireModelGatewayFilterFactory extends AbstractGatewayFilterFactory<RequireModelGatewayFilterFactory.Config> {

    /** Short-form key: the header that must name the model. */
    public static final String HEADER_KEY = "header";

    private final BodyLimits limits;

    public RequireModelGatewayFilterFactory(BodyLimits limits) {
        super(Config.class);
        this.limits = limits;
    }

    /** {@code RequireModel=X-Model}: the optional header. */
    @Override
    public List<String> shortcutFieldOrder() {
        return List.of(HEADER_KEY);
    }

    @Override
    public GatewayFilter apply(Config config) {
        RequiredModel required = config.toRequired();
        return (exchange, chain) -> filter(required, exchange, chain);
    }

    private Mono<Void> filter(RequiredModel required, ServerWebExchange exchange, GatewayFilterChain chain) {
        if (required.header() != null) {
            RequestModel model = RequestModels.fromHeader(exchange.getRequest(), required.header());
            return model instanceof RequestModel.Unnamed unnamed
                    ? Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
                            "No model in the request: " + unnamed.reason() + "; expected: the model name in " + required.header() + "."))
                    : chain.filter(exchange);
        }
        if (RequestModels.fromPath(exchange.getRequest()).isPresent()) {
            return chain.filter(exchange);
        }
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        long maxBytes = route == null ? limits.defaultMaxBytes() : limits.cachedMaxBytes(route);
        return CachedRequestBody.cache(exchange, maxBytes, request -> {
            RequestModel model = RequestModels.fromPathOrCachedBody(exchange);
            if (model instanceof RequestModel.Unnamed unnamed) {
                return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "No model in the request: " + unnamed.reason() + "; " + RequestModels.EXPECTED + "."));
            }
            return chain.filter(exchange.mutate().request(request).build());
        });
    }

    /** Binding shell for Spring Cloud Gateway; {@link #toRequired()} validates it. */
    public static final class Config {

        private @Nullable String header;

        public @Nullable String getHeader() {
            return header;
        }

        public Config setHeader(@Nullable String header) {
            this.header = header;
            return this;
        }

        public RequiredModel toRequired() {
            return new RequiredModel(header);
        }
    }
}
