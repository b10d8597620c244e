package dev.infergate.routing.resilience;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import dev.infergate.routing.core.resilience.EjectionOutcome;
import dev.infergate.routing.core.resilience.OutlierDetector;
import dev.infergate.routing.core.resilience.OutlierSettings;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Observes every upstream attempt on an {@code lb://} route, retries included: counts it per
 * endpoint ({@value ResilienceMeters#ATTEMPTS}) and feeds the {@link OutlierDetector} of pools that
 * have outlier-detection settings.
 *
 * <p>Ordered just before the load balancer's filter, so that each run of the chain (the first
 * attempt, and each retry of {@code AdaptiveRetry}) passes through it once and, when it ends, the
 * request URL names the endpoint picked. An attempt fails on a connection that could not be made or
 * broke before the response, a timeout, or a 5xx status; it succeeds on any other status. A 429
 * is a success here: a throttling endpoint is busy, not broken, and the balancer's load signals
 * already steer around it. Errors that are not the upstream's (a body over the cap) are not
 * counted. A stream that fails after its headers is not seen: its status was a success.
 */
public final class UpstreamAttemptFilter implements GlobalFilter, Ordered {

    public static final int ORDER = ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER - 1;

    private static final Logger log = LoggerFactory.getLogger(UpstreamAttemptFilter.class);

    private final OutlierDetector detector;
    private final Function<String, Optional<OutlierSettings>> settings;
    private final PoolSizes pools;
    private final ResilienceMeters meters;

    /**
     * @param settings each pool's outlier-detection settings; empty for pools without ejection
     */
    public UpstreamAttemptFilter(OutlierDetector detector, Function<String, Optional<OutlierSettings>> settings, PoolSizes pools,
            ResilienceMeters meters) {
        this.detector = detector;
        this.settings = settings;
        this.pools = pools;
        this.meters = meters;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (route == null || !"lb".equals(route.getUri().getScheme()) || route.getUri().getHost() == null) {
            return chain.filter(exchange);
        }
        String pool = route.getUri().getHost();
        return chain.filter(exchange)
                .doOnSuccess(done -> observe(exchange, route.getId(), pool, null))
                .doOnError(error -> observe(exchange, route.getId(), pool, error));
    }

    private void observe(ServerWebExchange exchange, String route, String pool, @Nullable Throwable error) {
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (url == null || "lb".equals(url.getScheme()) || url.getHost() == null) {
            return;
        }
        boolean failed;
        if (error != null) {
            if (UpstreamFailures.classify(error).isEmpty()) {
                return;
            }
            failed = true;
        } else {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            failed = status != null && status.is5xxServerError();
        }
        String endpoint = url.getHost() + ":" + url.getPort();
        meters.attempt(route, endpoint, !failed);
        if (settings.apply(pool).isEmpty()) {
            return;
        }
        if (!failed) {
            detector.succeeded(endpoint);
            return;
        }
        EjectionOutcome outcome = detector.failed(pool, endpoint, pools.size(pool));
        if (outcome instanceof EjectionOutcome.Ejected ejected) {
            meters.ejection(pool, endpoint, "ejected");
            log.warn("Ejected {} of pool {} for {} (ejection {} in a row)", endpoint, pool, ejected.duration(), ejected.times());
        } else if (outcome instanceof EjectionOutcome.CappedByPool capped) {
            meters.ejection(pool, endpoint, "capped");
            log.debug("Kept {} of pool {}: {} of at most {} endpoints already ejected", endpoint, pool, capped.ejected(),
                    capped.maxEjected());
        }
    }
}
