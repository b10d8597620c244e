package dev.infergate.routing.resilience;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import dev.infergate.routing.body.BodyLimits;
import dev.infergate.routing.body.CachedRequestBody;
import dev.infergate.routing.core.resilience.Failure;
import dev.infergate.routing.core.resilience.RetryAfter;
import dev.infergate.routing.core.resilience.RetryBudget;
import dev.infergate.routing.core.resilience.RetryCondition;
import dev.infergate.routing.core.resilience.RetryDecision;
import dev.infergate.routing.core.resilience.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code AdaptiveRetry=policy}: retries a failed upstream attempt on another endpoint of the pool,
 * as the named policy of the live configuration's {@code retry-policies} section says
 * ({@link RetryPolicy}), within the route's and the pool's {@link RetryBudgets}.
 *
 * <p>How an attempt is made again: Spring Cloud Gateway's chain after this filter ends when the
 * upstream's status and headers have arrived; the body is written downstream only after this filter
 * completes (by {@code NettyWriteResponseFilter}, which runs around it). So a retry decided here
 * never follows a byte sent to the client. A retry resets the exchange as the gateway's own
 * {@code Retry} filter does ({@link ServerWebExchangeUtils#reset}: the failed connection is
 * disposed, its headers removed) and runs the chain again; the load balancer picks again and, through
 * the retry hook ({@code TriedEndpoints}), never an endpoint already tried. Attempts are therefore
 * also bounded by the pool's size.
 *
 * <p>Retried failures ({@code retry-on}): a connection that could not be made, a connection closed
 * or reset before the response, 502, 503, 504 (and the gateway's own response timeout), and 429
 * carrying {@code Retry-After}. The request body is replayed exactly from the shared cached body,
 * cached here when no earlier filter did, bounded by the route's cap. A body that cannot be
 * cached (declared longer than the cap on a route whose streamed bodies may be larger, or chunked
 * there) is forwarded once, and a failure it meets is returned and counted as
 * {@code body-not-replayable}.
 *
 * <p>Fail-open: a route naming a policy that the live configuration does not have forwards without
 * retries and logs a WARN once per policy name.
 */
public final class AdaptiveRetryGatewayFilterFactory extends AbstractGatewayFilterFactory<AdaptiveRetryGatewayFilterFactory.Config> {

    public static final String POLICY_KEY = "policy";

    private static final Logger log = LoggerFactory.getLogger(AdaptiveRetryGatewayFilterFactory.class);

    private final RetryPolicies policies;
    private final RetryBudgets budgets;
    private final BodyLimits limits;
    private final PoolSizes pools;
    private final ResilienceMeters meters;
    private final RandomGenerator random;
    private final Supplier<Instant> wallClock;
    private final Set<String> missingReported = ConcurrentHashMap.newKeySet();

    public AdaptiveRetryGatewayFilterFactory(RetryPolicies policies, RetryBudgets budgets, BodyLimits limits, PoolSizes pools,
            ResilienceMeters meters, RandomGenerator random, Supplier<Instant> wallClock) {
        super(Config.class);
        this.policies = policies;
        this.budgets = budgets;
        this.limits = limits;
        this.pools = pools;
        this.meters = meters;
        this.random = random;
        this.wallClock = wallClock;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of(POLICY_KEY);
    }

    @Override
    public GatewayFilter apply(Config config) {
        AdaptiveRetrySpec spec = AdaptiveRetrySpec.of(config.getPolicy());
        return (exchange, chain) -> filter(spec, exchange, chain);
    }

    private Mono<Void> filter(AdaptiveRetrySpec spec, ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        Optional<RetryPolicy> policy = policies.named(spec.policy());
        if (route == null || policy.isEmpty()) {
            if (policy.isEmpty() && missingReported.add(spec.policy())) {
                log.warn("Retry policy {} is not in sections.retry-policies: requests are forwarded without retries", spec.policy());
            }
            return chain.filter(exchange);
        }
        String pool = "lb".equals(route.getUri().getScheme()) && route.getUri().getHost() != null ? route.getUri().getHost() : "";
        List<RetryBudget> requestBudgets = budgets.of(route.getId(), pool, policy.get().budget());
        requestBudgets.forEach(RetryBudget::recordRequest);
        Attempts attempts = new Attempts(route.getId(), pool, policy.get(), requestBudgets);
        ServerHttpRequest request = exchange.getRequest();
        if (CachedRequestBody.cached(exchange).isPresent() || !hasBody(request.getHeaders())) {
            return attempt(exchange, chain, attempts, true);
        }
        long cap = limits.cachedMaxBytes(route);
        long declared = request.getHeaders().getContentLength();
        boolean fits = declared >= 0 ? declared <= cap : limits.streamingMaxBytes(route) <= cap;
        if (!fits) {
            return attempt(exchange, chain, attempts, false);
        }
        return CachedRequestBody.cache(exchange, cap,
                replaying -> attempt(exchange.mutate().request(replaying).build(), chain, attempts, true));
    }

    private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, Attempts attempts, boolean replayable) {
        return chain.filter(exchange)
                .thenReturn(Optional.<Throwable>empty())
                .onErrorResume(error -> Mono.just(Optional.of(error)))
                .flatMap(error -> afterAttempt(exchange, chain, attempts, replayable, error));
    }

    private Mono<Void> afterAttempt(ServerWebExchange exchange, GatewayFilterChain chain, Attempts attempts, boolean replayable,
            Optional<Throwable> error) {
        int made = attempts.made();
        Optional<Failure> failure = error.map(UpstreamFailures::classify).orElseGet(() -> statusFailure(exchange))
                .map(condition -> new Failure(condition, retryAfter(exchange, error)));
        Mono<Void> answer = error.<Mono<Void>>map(Mono::error).orElseGet(Mono::empty);
        if (failure.isEmpty() || exchange.getResponse().isCommitted()) {
            return answer;
        }
        RetryPolicy policy = attempts.policy();
        if (!policy.retryOn().contains(failure.get().condition())) {
            return answer;
        }
        if (!replayable) {
            meters.retry(attempts.route(), "body-not-replayable");
            return answer;
        }
        if (!attempts.pool().isEmpty() && made >= pools.size(attempts.pool())) {
            meters.retry(attempts.route(), RetryDecision.Reason.ATTEMPTS_EXHAUSTED.tag());
            return answer;
        }
        RetryDecision decision = policy.decide(made, failure.get(), () -> RetryBudgets.tryRetry(attempts.budgets()), random);
        if (decision instanceof RetryDecision.GiveUp giveUp) {
            meters.retry(attempts.route(), giveUp.reason().tag());
            return answer;
        }
        meters.retry(attempts.route(), "retried");
        attempts.next();
        ServerWebExchangeUtils.reset(exchange);
        Duration delay = ((RetryDecision.Retry) decision).delay();
        Mono<Void> again = Mono.defer(() -> attempt(exchange, chain, attempts, true));
        return delay.isZero() ? again : Mono.delay(delay).then(again);
    }

    private static Optional<RetryCondition> statusFailure(ServerWebExchange exchange) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (status == null) {
            return Optional.empty();
        }
        return RetryCondition.ofStatus(status.value(), exchange.getResponse().getHeaders().containsHeader(HttpHeaders.RETRY_AFTER));
    }

    private Optional<Duration> retryAfter(ServerWebExchange exchange, Optional<Throwable> error) {
        if (error.isPresent()) {
            return Optional.empty();
        }
        return RetryAfter.parse(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER), wallClock.get());
    }

    private static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    /** One request's attempts so far; attempts of one request run one after the other. */
    private static final class Attempts {
        private final String route;
        private final String pool;
        private final RetryPolicy policy;
        private final List<RetryBudget> budgets;
        private volatile int made = 1;

        Attempts(String route, String pool, RetryPolicy policy, List<RetryBudget> budgets) {
            this.route = route;
            this.pool = pool;
            this.policy = policy;
            this.budgets = budgets;
        }

        String route() {
            return route;
        }

        String pool() {
            return pool;
        }

        RetryPolicy policy() {
            return policy;
        }

        List<RetryBudget> budgets() {
            return budgets;
        }

        int made() {
            return made;
        }

        void next() {
            made++;
        }
    }

    /** Bound from the route's filter arguments; converted to {@link AdaptiveRetrySpec} at once. */
    public static final class Config {

        private @Nullable String policy;

        public @Nullable String getPolicy() {
            return policy;
        }

        public Config setPolicy(@Nullable String policy) {
            this.policy = policy;
            return this;
        }
    }
}
