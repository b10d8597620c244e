package dev.infergate.routing.split;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import dev.infergate.routing.body.BodyLimits;
import dev.infergate.routing.body.CachedRequestBody;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * {@code Mirror}: sends a copy of a share of the route's requests to a shadow destination, for
 * trying a new model on real traffic without answering with it.
 *
 * <p>Short form {@code Mirror=lb://shadow,10} or {@code Mirror=lb://shadow,10,32}
 * ({@link #shortcutFieldOrder()}: {@code uri}, {@code percent}, {@code maxInFlight}); the full
 * form adds {@code timeout} (default 30 s). Defaults: 100 percent, 16 in flight.
 *
 * <p>The primary request is never delayed, failed or altered by its shadow: the copy is started
 * on its own and its result only feeds metrics ({@link MirrorMeters}). The copy's body comes from
 * the shared cached body, read with the route's cap (so a body the route would refuse with 413 is
 * refused either way). On a route that streams bodies past the cache cap, a body that is not
 * declared within the cap is not copied (dropped, reason {@code body}). At most
 * {@code maxInFlight} copies per route are open; more are dropped (reason {@code in-flight}).
 *
 * <p>{@code lb://} destinations are resolved by the resolver given to the constructor: it maps the
 * destination URI ({@code lb://shadow}) to the base URI of one endpoint ({@code http://10.0.0.7:8000}),
 * typically through the pool's endpoint picker. {@code http(s)://} destinations are used as they
 * are. When resolution fails or finds nothing, the copy ends as {@code unresolved}.
 */
public final class MirrorGatewayFilterFactory extends AbstractGatewayFilterFactory<MirrorGatewayFilterFactory.Config> {

    /** Short-form key: the shadow destination. */
    public static final String URI_KEY = "uri";
    /** Short-form key: the share of requests copied, 0 to 100. */
    public static final String PERCENT_KEY = "percent";
    /** Short-form key: the most shadow requests open at once on this route. */
    public static final String MAX_IN_FLIGHT_KEY = "maxInFlight";

    public static final double DEFAULT_PERCENT = 100;
    public static final int DEFAULT_MAX_IN_FLIGHT = 16;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Resolves {@code http(s)://} destinations to themselves and has no endpoint for {@code lb://}. */
    public static final Function<URI, Mono<URI>> DIRECT = uri -> "lb".equals(uri.getScheme()) ? Mono.empty() : Mono.just(uri);

    private final BodyLimits limits;
    private final HttpClient client;
    private final Function<URI, Mono<URI>> resolver;
    private final @Nullable MeterRegistry meters;
    private final Supplier<RandomGenerator> random;

    /**
     * @param client the client shadow requests are sent with (its own pool, apart from the upstream's)
     * @param resolver maps a destination URI to one endpoint's base URI; {@link #DIRECT} for none
     * @param meters where shadow metrics go, or {@code null} for none
     */
    public MirrorGatewayFilterFactory(BodyLimits limits, HttpClient client, Function<URI, Mono<URI>> resolver,
            @Nullable MeterRegistry meters) {
        this(limits, client, resolver, meters, ThreadLocalRandom::current);
    }

    /** @param random the source of the sampling draws, asked once per request */
    public MirrorGatewayFilterFactory(BodyLimits limits, HttpClient client, Function<URI, Mono<URI>> resolver,
            @Nullable MeterRegistry meters, Supplier<RandomGenerator> random) {
        super(Config.class);
        this.limits = limits;
        this.client = client;
        this.resolver = resolver;
        this.meters = meters;
        this.random = random;
    }

    /** {@code Mirror=uri[,percent[,maxInFlight]]}. */
    @Override
    public List<String> shortcutFieldOrder() {
        return List.of(URI_KEY, PERCENT_KEY, MAX_IN_FLIGHT_KEY);
    }

    @Override
    public GatewayFilter apply(Config config) {
        MirrorSpec spec = config.toSpec();
        ShadowTraffic shadow = new ShadowTraffic(spec, client, resolver, new MirrorMeters(meters, spec.routeId()));
        return (exchange, chain) -> filter(spec, shadow, exchange, chain);
    }

    private Mono<Void> filter(MirrorSpec spec, ShadowTraffic shadow, ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!(random.get().nextDouble() * 100 < spec.percent())) {
            return chain.filter(exchange);
        }
        if (!shadow.hasRoom()) {
            shadow.meters().dropped("in-flight");
            return chain.filter(exchange);
        }
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        long cacheMax = route == null ? limits.defaultMaxBytes() : limits.cachedMaxBytes(route);
        long streamMax = route == null ? limits.defaultMaxBytes() : limits.streamingMaxBytes(route);
        HttpHeaders headers = exchange.getRequest().getHeaders();
        boolean fits = headers.getContentLength() >= 0 ? headers.getContentLength() <= cacheMax
                : !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
        if (streamMax > cacheMax && !fits) {
            // Caching would refuse a body that the route itself streams: the copy gives way.
            shadow.meters().dropped("body");
            return chain.filter(exchange);
        }
        return CachedRequestBody.cache(exchange, cacheMax, request -> {
            shadow.offer(request, CachedRequestBody.cached(exchange).orElse(null));
            return chain.filter(exchange.mutate().request(request).build());
        });
    }

    /** Binding shell for Spring Cloud Gateway; {@link #toSpec()} validates it. */
    public static final class Config implements HasRouteId {

        private @Nullable String uri;
        private double percent = DEFAULT_PERCENT;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private Duration timeout = DEFAULT_TIMEOUT;
        private String routeId = "";

        public @Nullable String getUri() {
            return uri;
        }

        public Config setUri(@Nullable String uri) {
            this.uri = uri;
            return this;
        }

        public double getPercent() {
            return percent;
        }

        public Config setPercent(double percent) {
            this.percent = percent;
            return this;
        }

        public int getMaxInFlight() {
            return maxInFlight;
        }

        public Config setMaxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public Config setTimeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        @Override
        public String getRouteId() {
            return routeId;
        }

        @Override
        public void setRouteId(String routeId) {
            this.routeId = routeId;
        }

        public MirrorSpec toSpec() {
            if (uri == null || uri.isBlank()) {
                throw new IllegalArgumentException("uri: missing (expected: lb://pool, http://host:port or https://host:port)");
            }
            URI parsed;
            try {
                parsed = URI.create(uri);
            } catch (IllegalArgumentException malformed) {
                throw new IllegalArgumentException("uri: \"" + uri + "\" (expected: lb://pool, http://host:port or https://host:port)");
            }
            return new MirrorSpec(routeId, parsed, percent, maxInFlight, timeout);
        }
    }
}
