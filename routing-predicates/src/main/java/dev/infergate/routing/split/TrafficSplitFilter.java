package dev.infergate.routing.split;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_SCHEME_PREFIX_ATTR;

import dev.infergate.routing.body.BodyLimits;
import dev.infergate.routing.core.split.SplitDecision;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Sends each request of a route that carries a split (metadata {@link SplitSpec#METADATA_KEY}) to
 * one of its destinations.
 *
 * <p>The decision is made once per request and kept in {@link #DECISION_ATTRIBUTE} (a
 * {@link SplitDecision}); a retry that runs the filter again reuses it. In order:
 * <ol>
 *   <li>a forced variant, when the route enables it: the header, else the cookie, names the
 *       destination; an unknown name is refused with 400 listing the valid names;</li>
 *   <li>the sticky key, when the request has one: weighted rendezvous hash, so the same key keeps
 *       its destination and weight changes move keys only into a raised destination;</li>
 *   <li>otherwise a weighted random draw.</li>
 * </ol>
 * Then the forwarding URL ({@code GATEWAY_REQUEST_URL_ATTR}) gets the destination's scheme, host
 * and port, and its path rewrite if it has one; the JSON body's {@code model} is replaced when the
 * destination names a model; the response carries the destination's name in
 * {@value #VARIANT_HEADER}.
 *
 * <p>Runs after {@link RouteToRequestUrlFilter} (which sets the URL from the route) and before
 * {@link ReactiveLoadBalancerClientFilter} (which resolves {@code lb://} to an endpoint). A split
 * that cannot be read fails closed: 500 with the problems, logged at WARN once per route version.
 */
public final class TrafficSplitFilter implements GlobalFilter, Ordered {

    /** Between the route's URL (10000) and the load balancer (10150). */
    public static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 50;

    /** Exchange attribute holding this request's {@link SplitDecision}. */
    public static final String DECISION_ATTRIBUTE = "infergate.split.decision";

    /** The response header that names the destination a request went to. */
    public static final String VARIANT_HEADER = "X-Infergate-Variant";

    private final BodyLimits limits;
    private final Supplier<RandomGenerator> random;
    private final RouteSplits splits = new RouteSplits();

    public TrafficSplitFilter(BodyLimits limits) {
        this(limits, ThreadLocalRandom::current);
    }

    /** @param random the source of draws for requests without a key, asked once per draw */
    public TrafficSplitFilter(BodyLimits limits, Supplier<RandomGenerator> random) {
        this.limits = limits;
        this.random = random;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        Optional<RouteSplit> split;
        try {
            split = splits.of(route);
        } catch (InvalidSplitException invalid) {
            return Mono.error(new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR,
                    "The traffic split of route " + route.getId() + " is invalid: " + invalid.getMessage(), invalid));
        }
        if (split.isEmpty()) {
            return chain.filter(exchange);
        }
        SplitDecision decision = exchange.getAttribute(DECISION_ATTRIBUTE);
        if (decision == null) {
            try {
                decision = decide(split.get().spec(), split.get(), exchange);
            } catch (ResponseStatusException rejected) {
                return Mono.error(rejected);
            }
            exchange.getAttributes().put(DECISION_ATTRIBUTE, decision);
            String name = decision.destination();
            exchange.getResponse().beforeCommit(() -> {
                exchange.getResponse().getHeaders().set(VARIANT_HEADER, name);
                return Mono.empty();
            });
        }
        SplitDestination destination = split.get().spec().destinations().get(decision.index());
        retarget(exchange, destination);
        String model = destination.model();
        if (model == null) {
            return chain.filter(exchange);
        }
        return ModelRewrite.apply(exchange, chain, limits.cachedMaxBytes(route), requested -> !requested.equals(model), model);
    }

    private SplitDecision decide(SplitSpec spec, RouteSplit split, ServerWebExchange exchange) {
        ForcedVariant forced = spec.forcedVariant();
        if (forced.enabled()) {
            String header = exchange.getRequest().getHeaders().getFirst(forced.header());
            if (header != null && !header.isBlank()) {
                return force(split, header.trim(), "header " + forced.header());
            }
            HttpCookie cookie = exchange.getRequest().getCookies().getFirst(forced.cookie());
            if (cookie != null && !cookie.getValue().isBlank()) {
                return force(split, cookie.getValue().trim(), "cookie " + forced.cookie());
            }
        }
        Optional<String> key = spec.sticky().keyOf(exchange);
        return key.isPresent() ? split.algorithm().assign(key.get()) : split.algorithm().draw(random.get());
    }

    private static SplitDecision force(RouteSplit split, String name, String where) {
        return split.algorithm().force(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "Unknown variant \"" + name + "\" in " + where + "; valid variants: "
                        + String.join(", ", split.spec().names()) + "."));
    }

    private static void retarget(ServerWebExchange exchange, SplitDestination destination) {
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (url == null) {
            url = exchange.getRequest().getURI();
        }
        ServerWebExchangeUtils.addOriginalRequestUrl(exchange, url);
        URI target = destination.uri();
        String path = destination.path() == null ? url.getRawPath() : destination.path().apply(url.getRawPath());
        URI forwarded = UriComponentsBuilder.fromUri(url)
                .scheme(target.getScheme())
                .userInfo(target.getRawUserInfo())
                .host(target.getHost())
                .port(target.getPort())
                .replacePath(path)
                .build(true)
                .toUri();
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, forwarded);
        // A route URI like lb:ws://pool leaves a scheme prefix; the destination's own scheme decides now.
        exchange.getAttributes().remove(GATEWAY_SCHEME_PREFIX_ATTR);
    }
}
