package dev.infergate.routing.predicate;

import dev.infergate.routing.body.BodyLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.cloud.gateway.handler.predicate.AbstractRoutePredicateFactory;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code Model}: matches requests for one of the listed models.
 *
 * <p>Short form {@code Model=llama-3-8b-instruct,qwen2-7b-instruct}: every argument is a model
 * name ({@link #shortcutFieldOrder()} gathers them into {@code models}). Full form adds
 * {@code header}, a header to read the model from instead of the request itself.
 *
 * <p>Without a header the model comes from the KServe v2 path {@code /v2/models/{name}/infer},
 * else from the JSON body's top-level {@code model} field (OpenAI and KServe v2 shapes). The body
 * is read through the shared cached body, bounded by the gateway-wide cap of {@link BodyLimits}
 * (the route is not chosen yet, so a route's own cap cannot apply), parsed once per request for
 * every {@code Model} predicate, and replayed to the upstream byte for byte. A body that is not
 * JSON, has no string {@code model}, or names it twice does not match. A body over the cap
 * (declared or chunked) matches, and the route answers 413 through
 * {@link dev.infergate.routing.body.RequestBodyLimitFilter}. To answer 400 when no model is named,
 * add the {@code RequireModel} filter to a route.
 */
public final class ModelRoutePredicateFactory extends AbstractRoutePredicateFactory<ModelRoutePredicateFactory.Config> {

    /** Short-form key: the list of model names. */
    public static final String MODELS_KEY = "models";
    /** Full-form key: the header to read the model from. */
    public static final String HEADER_KEY = "header";

    private final BodyLimits limits;

    public ModelRoutePredicateFactory(BodyLimits limits) {
        super(Config.class);
        this.limits = limits;
    }

    @Override
    public ShortcutType shortcutType() {
        return ShortcutType.GATHER_LIST;
    }

    /** {@code Model=a,b,c}: all arguments are model names. */
    @Override
    public List<String> shortcutFieldOrder() {
        return List.of(MODELS_KEY);
    }

    @Override
    public AsyncPredicate<ServerWebExchange> applyAsync(Config config) {
        ModelMatch match = config.toMatch();
        return new ModelPredicate(match, limits.defaultMaxBytes());
    }

    /** The body is read asynchronously: only {@link #applyAsync} is supported. */
    @Override
    public Predicate<ServerWebExchange> apply(Config config) {
        throw new UnsupportedOperationException("Model reads the request body: use applyAsync");
    }

    /** Binding shell for Spring Cloud Gateway; {@link #toMatch()} validates it. */
    public static final class Config {

        private List<String> models = new ArrayList<>();
        private @Nullable String header;

        public List<String> getModels() {
            return models;
        }

        public Config setModels(List<String> models) {
            this.models = models;
            return this;
        }

        public @Nullable String getHeader() {
            return header;
        }

        public Config setHeader(@Nullable String header) {
            this.header = header;
            return this;
        }

        public ModelMatch toMatch() {
            return new ModelMatch(models, header);
        }
    }
}
