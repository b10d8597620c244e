package dev.infergate.routing.split;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import dev.infergate.routing.body.BodyLimits;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;

/**
 * {@code ModelAlias}: maps a public model name to the upstream's.
 *
 * <p>Short form {@code ModelAlias=llama-3,llama-3-8b-instruct-v2} ({@link #shortcutFieldOrder()}:
 * {@code from}, {@code to}). When the JSON body's top-level {@code model} is {@code from}, only
 * that string's bytes are replaced by {@code to} (JSON-escaped): every other byte of the body
 * reaches the upstream as the client sent it, and {@code Content-Length} is corrected. Other
 * bodies pass unchanged. The body is read through the shared cached body with the route's cap
 * (413 beyond it). A KServe v2 path's model name is left to {@code RewritePath}.
 */
public final class ModelAliasGatewayFilterFactory extends AbstractGatewayFilterFactory<ModelAliasGatewayFilterFactory.Config> {

    /** Short-form key: the public model name. */
    public static final String FROM_KEY = "from";
    /** Short-form key: the upstream's model name. */
    public static final String TO_KEY = "to";

    private final BodyLimits limits;

    public ModelAliasGatewayFilterFactory(BodyLimits limits) {
        super(Config.class);
        this.limits = limits;
    }

    /** {@code ModelAlias=from,to}. */
    @Override
    public List<String> shortcutFieldOrder() {
        return List.of(FROM_KEY, TO_KEY);
    }

    @Override
    public GatewayFilter apply(Config config) {
        ModelAlias alias = config.toAlias();
        return (exchange, chain) -> {
            Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
            long maxBytes = route == null ? limits.defaultMaxBytes() : limits.cachedMaxBytes(route);
            return ModelRewrite.apply(exchange, chain, maxBytes, alias.from()::equals, alias.to());
        };
    }

    /** Binding shell for Spring Cloud Gateway; {@link #toAlias()} validates it. */
    public static final class Config {

        private String from = "";
        private String to = "";

        public String getFrom() {
            return from;
        }

        public Config setFrom(String from) {
            this.from = from;
            return this;
        }

        public String getTo() {
            return to;
        }

        public Config setTo(String to) {
            this.to = to;
            return this;
        }

        public ModelAlias toAlias() {
            return new ModelAlias(from, to);
        }
    }
}
