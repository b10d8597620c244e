package dev.infergate.routing.resilience;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import dev.infergate.routing.balancer.LoadSignalFilter;
import dev.infergate.routing.body.BodyLimits;
import dev.infergate.routing.body.CachedRequestBody;
import dev.infergate.routing.core.resilience.Failure;
import dev.infergate.routing.core.resilience.RetryAfter;
import dev.infergate.routing.core.resilience.RetryBudget;
import dev.infergate.routing.core.resilience.RetryCondition;
import dev.infergate.routing.core.resilience.RetryDecision;
import dev.infergate.routing.core.resilience.RetryPolicy;
import dev.infergate.routing.core.resilience.BudgetDecision;
import dev.infergate.routing.core.resilience.HedgeSettings;
import dev.infergate.routing.core.resilience.LatencyWindow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
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
 * <p>Hedging, for policies with {@code hedge.delay} and requests that do not ask for a stream
 * ({@code "stream": true} in the body): after the delay (fixed, or a percentile of the route's
 * recent latencies) without an answer, a {@link Hedger} sends the request to another endpoint; the
 * first attempt wins when its headers arrive, the hedge when its complete answer arrives first (a
 * 5xx or 429 hedge never wins); the loser is cancelled. A hedge draws from the same budgets as a
 * retry. Counted in {@value ResilienceMeters#HEDGES}.
 *
 * <p>Fail-open: a route naming a policy that the live configuration does not have forwards without
 * retries and logs a WARN once per policy name.
 */
public final class AdaptiveRetryGatewayFilterFactory extends AbstractGatewayFilterFactory<AdaptiveRetryGatewayFilterFactory.Config> {

    public static final String POLICY_KEY = "policy";

    private static final Logger log = LoggerFactory.getLogger(AdaptiveRetryGatewayFilterFactory.class);
    private static final Pattern STREAM_REQUEST = Pattern.compile("\"stream\"\\s*:\\s*true");
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection", "keep-alive");

    private final RetryPolicies policies;
    private final RetryBudgets budgets;
    private final BodyLimits limits;
    private final PoolSizes pools;
    private final ResilienceMeters meters;
    private final RandomGenerator random;
    private final Supplier<Instant> wallClock;
    private final @Nullable Hedger hedger;
    private final Set<String> missingReported = ConcurrentHashMap.newKeySet();
    private final Map<String, LatencyWindow> latencies = new ConcurrentHashMap<>();

    /**
     * @param hedger sends hedges; without it policies with {@code hedge} do not hedge
     */
    public AdaptiveRetryGatewayFilterFactory(RetryPolicies policies, RetryBudgets budgets, BodyLimits limits, PoolSizes pools,
            ResilienceMeters meters, RandomGenerator random, Supplier<Instant> wallClock, @Nullable Hedger hedger) {
        super(Config.class);
        this.hedger = hedger;
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
            return hedges(exchange, attempts) ? hedged(exchange, chain, attempts) : attempt(exchange, chain, attempts, true);
        }
        long cap = limits.cachedMaxBytes(route);
        long declared = request.getHeaders().getContentLength();
        boolean fits = declared >= 0 ? declared <= cap : limits.streamingMaxBytes(route) <= cap;
        if (!fits) {
            return attempt(exchange, chain, attempts, false);
        }
        return CachedRequestBody.cache(exchange, cap, replaying -> {
            ServerWebExchange replayed = exchange.mutate().request(replaying).build();
            return hedges(replayed, attempts) ? hedged(replayed, chain, attempts) : attempt(replayed, chain, attempts, true);
        });
    }

    /** Whether this request is hedged: its policy hedges, it targets a pool, and it does not ask for a stream. */
    private boolean hedges(ServerWebExchange exchange, Attempts attempts) {
        return hedger != null && attempts.policy().hedge().isPresent() && !attempts.pool().isEmpty()
                && !STREAM_REQUEST.matcher(CachedRequestBody.cached(exchange)
                        .map(body -> body.toString(body.readPosition(), body.readableByteCount(), StandardCharsets.UTF_8))
                        .orElse("")).find();
    }

    /**
     * The first attempt (with its retries) races a hedge sent after the policy's delay: the first
     * attempt wins when its status and headers arrive (its body then streams as usual); the hedge
     * wins when its complete answer arrives first and is not a failure a retry would make again.
     * The loser is cancelled. A failed first attempt ends the request with its failure.
     */
    private Mono<Void> hedged(ServerWebExchange exchange, GatewayFilterChain chain, Attempts attempts) {
        HedgeSettings settings = attempts.policy().hedge().orElseThrow();
        LatencyWindow window = latencies.computeIfAbsent(attempts.route(), route -> new LatencyWindow(200, 20));
        long start = System.nanoTime();
        byte[] body = CachedRequestBody.cached(exchange).map(AdaptiveRetryGatewayFilterFactory::copy).orElse(new byte[0]);
        Mono<Object> first = attempt(exchange, chain, attempts, true).thenReturn((Object) Boolean.TRUE)
                .onErrorResume(error -> Mono.just(error));
        Mono<Object> hedge = Mono.delay(settings.delay(window))
                .then(Mono.defer(() -> {
                    if (RetryBudgets.tryRetry(attempts.budgets()) instanceof BudgetDecision.Exhausted) {
                        meters.hedge(attempts.route(), "budget-exhausted");
                        return Mono.<HedgeResponse>never();
                    }
                    meters.hedge(attempts.route(), "sent");
                    return hedger.send(exchange, attempts.pool(), body);
                }))
                .doOnNext(answer -> meters.attempt(attempts.route(), answer.endpoint(), answer.status() < 500))
                .filter(answer -> answer.status() < 500 && answer.status() != 429)
                .<Object>map(answer -> answer)
                .switchIfEmpty(Mono.never())
                .onErrorResume(error -> Mono.never());
        return Mono.firstWithSignal(first, hedge).flatMap(winner -> {
            if (winner instanceof Throwable failure) {
                return Mono.error(failure);
            }
            window.record(Duration.ofNanos(System.nanoTime() - start));
            if (winner instanceof HedgeResponse answer) {
                meters.hedge(attempts.route(), "won");
                LoadSignalFilter.attemptReplaced(exchange);
                return write(exchange, answer);
            }
            return Mono.empty();
        });
    }

    private static Mono<Void> write(ServerWebExchange exchange, HedgeResponse answer) {
        ServerWebExchangeUtils.reset(exchange);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
        answer.headers().forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                response.getHeaders().add(header.getKey(), header.getValue());
            }
        });
        response.getHeaders().setContentLength(answer.body().length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(answer.body())));
    }

    private static byte[] copy(DataBuffer body) {
        byte[] bytes = new byte[body.readableByteCount()];
        body.toByteBuffer(body.readPosition(), java.nio.ByteBuffer.wrap(bytes), 0, bytes.length);
        return bytes;
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
