package dev.infergate.routing.admission;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import dev.infergate.routing.body.BodyLimits;
import dev.infergate.routing.body.CachedRequestBody;
import dev.infergate.routing.core.admission.LimitDefinition;
import dev.infergate.routing.core.admission.LimitState;
import dev.infergate.routing.core.admission.LimitUnit;
import dev.infergate.routing.core.admission.RateLimitFields;
import dev.infergate.routing.core.admission.TokenEstimate;
import dev.infergate.routing.core.admission.TokenEstimator;
import dev.infergate.routing.predicate.RequestModel;
import dev.infergate.routing.predicate.RequestModels;
import dev.infergate.routing.split.StickyKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code Admission}: client identity and rate limits for a route.
 *
 * <p>Short form {@code Admission=required} or {@code Admission=optional,route-requests}
 * ({@link #shortcutFieldOrder()}: {@code key}, {@code limits}); the map form takes a list of
 * limits. Per request:
 *
 * <ol>
 *   <li>The {@link IdentityResolver} finds the tenant. With {@code key: required}, a missing or
 *       unknown key is 401 problem+json; the key itself never appears in the answer, a log or a
 *       meter. The tenant id goes to the exchange attribute {@value StickyKey#TENANT_ATTRIBUTE}
 *       (sticky splits read it), the identity to {@value ClientIdentity#ATTRIBUTE}.</li>
 *   <li>The limits are the route's own plus those of the tenant's plan; a limit that needs a
 *       tenant is skipped for anonymous requests, a token limit with a {@code model} applies only
 *       to that model, and a name the {@code limits} section lacks is not applied (WARN once).</li>
 *   <li>Request limits take 1; token limits take the {@link TokenEstimator estimate} read from the
 *       shared cached body. Limits are taken in order; when one refuses, what the earlier ones
 *       took is given back and the answer is 429 problem+json naming the limit, with
 *       {@code Retry-After}. A {@code fail-closed} limit whose store fails answers 503 with
 *       {@code Retry-After}.</li>
 *   <li>Every response of the route carries {@code RateLimit-Policy} and {@code RateLimit}
 *       ({@link RateLimitFields}); {@value #FALLBACK_HEADER} names the limits a local fallback
 *       bucket decided.</li>
 *   <li>Token limits are reconciled when the response ends ({@link TokenSettlement}).</li>
 * </ol>
 */
public final class AdmissionGatewayFilterFactory extends AbstractGatewayFilterFactory<AdmissionGatewayFilterFactory.Config> {

    public static final String KEY_KEY = "key";
    public static final String LIMITS_KEY = "limits";
    /** Response header naming the limits decided by a local fallback bucket while the shared store failed. */
    public static final String FALLBACK_HEADER = "Infergate-RateLimit-Fallback";
    /** Seconds a client is told to wait when a {@code fail-closed} limit's store fails. */
    public static final long UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

    /** Just before {@link NettyWriteResponseFilter}, which writes the response it was given. */
    public static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;

    private static final Logger log = LoggerFactory.getLogger(AdmissionGatewayFilterFactory.class);
    /** Exchange attribute: why identity resolution found nobody, for the 401's detail. */
    private static final String UNAUTHORIZED_REASON = "infergate.admission.unauthorized";

    private final Supplier<AdmissionSettings> settings;
    private final IdentityResolver identities;
    private final Limiter limiter;
    private final UsageObserver usage;
    private final BodyLimits bodyLimits;
    private final AdmissionMeters meters;
    private final Set<String> warnedUnknown = ConcurrentHashMap.newKeySet();

    public AdmissionGatewayFilterFactory(Supplier<AdmissionSettings> settings, IdentityResolver identities, Limiter limiter,
            UsageObserver usage, BodyLimits bodyLimits, AdmissionMeters meters) {
        super(Config.class);
        this.settings = settings;
        this.identities = identities;
        this.limiter = limiter;
        this.usage = usage;
        this.bodyLimits = bodyLimits;
        this.meters = meters;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of(KEY_KEY, LIMITS_KEY);
    }

    @Override
    public GatewayFilter apply(Config config) {
        AdmissionSpec spec = config.toSpec();
        // Before the gateway's response writer, so that the response it writes is the observed one.
        return new OrderedGatewayFilter((exchange, chain) -> filter(spec, exchange, chain), ORDER);
    }

    private Mono<Void> filter(AdmissionSpec spec, ServerWebExchange exchange, GatewayFilterChain chain) {
        AdmissionSettings current = settings.get();
        ClientIdentity identity = identify(exchange, current.tenants());
        if (identity == null && spec.key() == KeyRequirement.REQUIRED) {
            return Mono.error(unauthorized(exchange));
        }
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        String routeId = route == null ? "unknown" : route.getId();
        List<LimitDefinition> limits = applicable(spec, current, identity);
        if (limits.isEmpty()) {
            return chain.filter(exchange);
        }
        String tenant = identity == null ? null : identity.tenant();
        int replicas = current.limits().replicas();
        if (limits.stream().noneMatch(limit -> limit.unit() == LimitUnit.TOKENS)) {
            return admit(exchange, chain, exchange, keyed(limits, tenant, routeId, null), null, replicas);
        }
        long maxBytes = route == null ? bodyLimits.defaultMaxBytes() : bodyLimits.cachedMaxBytes(route);
        TokenEstimator estimator = new TokenEstimator(current.limits().defaultMaxTokens());
        return CachedRequestBody.cache(exchange, maxBytes, request -> {
            ServerWebExchange replaying = exchange.mutate().request(request).build();
            RequestModel model = RequestModels.fromPathOrCachedBody(exchange);
            String modelName = model instanceof RequestModel.Named named ? named.name() : null;
            TokenEstimate estimate = estimate(estimator, exchange);
            List<LimitDefinition> forModel = limits.stream()
                    .filter(limit -> limit.model() == null || limit.model().equals(modelName)).toList();
            return admit(exchange, chain, replaying, keyed(forModel, tenant, routeId, estimate), estimate, replicas);
        });
    }

    private @Nullable ClientIdentity identify(ServerWebExchange exchange, TenantDirectory tenants) {
        IdentityResolution resolution = identities.resolve(exchange, tenants);
        if (resolution instanceof IdentityResolution.Identified identified) {
            meters.identity("identified");
            ClientIdentity identity = identified.identity();
            exchange.getAttributes().put(StickyKey.TENANT_ATTRIBUTE, identity.tenant());
            exchange.getAttributes().put(ClientIdentity.ATTRIBUTE, identity);
            return identity;
        }
        if (resolution instanceof IdentityResolution.Missing) {
            meters.identity("missing");
            exchange.getAttributes().put(UNAUTHORIZED_REASON, "The request carries no API key: send Authorization: Bearer KEY or "
                    + ApiKeyIdentityResolver.API_KEY_HEADER + ": KEY.");
        } else {
            meters.identity("unknown");
            exchange.getAttributes().put(UNAUTHORIZED_REASON, "The API key is not valid.");
        }
        return null;
    }

    private static ResponseStatusException unauthorized(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        String reason = exchange.getAttributeOrDefault(UNAUTHORIZED_REASON, "The API key is not valid.");
        return new ResponseStatusException(HttpStatus.UNAUTHORIZED, reason);
    }

    private List<LimitDefinition> applicable(AdmissionSpec spec, AdmissionSettings current, @Nullable ClientIdentity identity) {
        List<String> names = new ArrayList<>(spec.limits());
        if (identity != null) {
            current.tenants().plan(identity.plan()).ifPresent(plan -> names.addAll(plan.limits()));
        }
        Map<String, LimitDefinition> limits = new LinkedHashMap<>();
        for (String name : names) {
            LimitDefinition limit = current.limits().limit(name).orElse(null);
            if (limit == null) {
                if (warnedUnknown.add(name)) {
                    log.warn("Limit '{}' is named by a route or plan but not configured in the limits section: not applied", name);
                }
                continue;
            }
            if (identity == null && limit.scope().needsTenant()) {
                continue;
            }
            limits.putIfAbsent(name, limit);
        }
        return List.copyOf(limits.values());
    }

    private static List<AdmittedLimit> keyed(List<LimitDefinition> limits, @Nullable String tenant, String route,
            @Nullable TokenEstimate estimate) {
        List<AdmittedLimit> keyed = new ArrayList<>(limits.size());
        for (LimitDefinition limit : limits) {
            String bucket = BucketKeys.of(limit.scope(), tenant, route);
            if (bucket != null) {
                long cost = limit.unit() == LimitUnit.TOKENS ? Math.max(1, estimate == null ? 1 : estimate.total()) : 1;
                keyed.add(new AdmittedLimit(limit, bucket, cost));
            }
        }
        return keyed;
    }

    private static TokenEstimate estimate(TokenEstimator estimator, ServerWebExchange exchange) {
        DataBuffer cached = CachedRequestBody.cached(exchange).orElse(null);
        if (cached == null) {
            return estimator.estimate(new byte[0]);
        }
        // A retained view with its own read position: estimating must not move the cache's.
        DataBuffer view = CachedRequestBody.retainedSlice(cached, 0, cached.readableByteCount());
        try (InputStream json = view.asInputStream(true)) {
            return estimator.estimate(json, cached.readableByteCount());
        } catch (IOException closing) {
            throw new UncheckedIOException(closing);
        }
    }

    private Mono<Void> admit(ServerWebExchange original, GatewayFilterChain chain, ServerWebExchange exchange,
            List<AdmittedLimit> limits, @Nullable TokenEstimate estimate, int replicas) {
        if (limits.isEmpty()) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = original.getResponse().getHeaders();
        headers.set(RateLimitFields.POLICY, RateLimitFields.policy(limits.stream().map(AdmittedLimit::limit).toList()));
        List<LimitState> states = new ArrayList<>(limits.size());
        return Flux.fromIterable(limits)
                .concatMap(limit -> limiter.tryConsume(limit.bucket(), limit.limit(), limit.cost(), replicas))
                .doOnNext(states::add)
                .takeUntil(state -> !state.allowed())
                .then(Mono.defer(() -> decide(original, chain, exchange, limits, states, estimate, replicas)))
                .onErrorResume(LimitStoreUnavailableException.class, unavailable -> {
                    meters.decision(unavailable.limit(), "unavailable");
                    giveBack(limits, states, replicas);
                    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(UNAVAILABLE_RETRY_AFTER_SECONDS));
                    return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                            "The rate-limit store is unavailable and limit \"" + unavailable.limit() + "\" fails closed; retry after "
                                    + UNAVAILABLE_RETRY_AFTER_SECONDS + " s."));
                });
    }

    private Mono<Void> decide(ServerWebExchange original, GatewayFilterChain chain, ServerWebExchange exchange,
            List<AdmittedLimit> limits, List<LimitState> states, @Nullable TokenEstimate estimate, int replicas) {
        HttpHeaders headers = original.getResponse().getHeaders();
        headers.set(RateLimitFields.LIMIT, RateLimitFields.limit(states));
        List<String> fallback = states.stream().filter(LimitState::fallback).map(state -> state.limit().name()).toList();
        if (!fallback.isEmpty()) {
            headers.set(FALLBACK_HEADER, String.join(", ", fallback));
        }
        for (LimitState state : states) {
            meters.decision(state.limit().name(), (state.fallback() ? "fallback-" : "") + (state.allowed() ? "allowed" : "limited"));
        }
        LimitState refused = states.isEmpty() ? null : states.get(states.size() - 1);
        if (refused != null && !refused.allowed()) {
            giveBack(limits, states.subList(0, states.size() - 1), replicas);
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
            AdmittedLimit limit = limits.get(states.size() - 1);
            return Mono.error(new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS, refusal(limit, refused, estimate)));
        }
        List<AdmittedLimit> tokenLimits = limits.stream().filter(limit -> limit.limit().unit() == LimitUnit.TOKENS).toList();
        if (tokenLimits.isEmpty() || estimate == null) {
            return chain.filter(exchange);
        }
        TokenSettlement settlement = new TokenSettlement(tokenLimits, estimate, limiter, replicas, meters);
        ServerWebExchange observed = usage.observe(exchange, settlement);
        return chain.filter(observed)
                .doOnSuccess(done -> StreamingUsageObserver.finish(observed, ObservedUsage.Ending.COMPLETED))
                .doOnError(error -> StreamingUsageObserver.finish(observed, ObservedUsage.Ending.FAILED))
                .doOnCancel(() -> StreamingUsageObserver.finish(observed, ObservedUsage.Ending.CANCELLED));
    }

    private static String refusal(AdmittedLimit limit, LimitState refused, @Nullable TokenEstimate estimate) {
        String unit = limit.limit().unit().configName();
        String base = "Limit \"" + limit.limit().name() + "\" (" + limit.limit().scope().configName() + ", " + unit + ") is exhausted";
        if (limit.limit().unit() == LimitUnit.TOKENS && estimate != null) {
            base += ": this request needs an estimated " + estimate.total() + " tokens (" + estimate.promptTokens()
                    + " prompt + " + estimate.completionTokens() + " completion)";
        }
        return base + "; retry after " + refused.retryAfterSeconds() + " s.";
    }

    private void giveBack(List<AdmittedLimit> limits, List<LimitState> taken, int replicas) {
        for (int i = 0; i < taken.size(); i++) {
            if (taken.get(i).allowed()) {
                AdmittedLimit limit = limits.get(i);
                limiter.adjust(limit.bucket(), limit.limit(), -limit.cost(), replicas).subscribe(state -> { }, error -> { });
            }
        }
    }

    /** Binding shell for Spring Cloud Gateway; {@link #toSpec()} validates it. */
    public static final class Config {

        private @Nullable String key;
        private List<String> limits = new ArrayList<>();

        public @Nullable String getKey() {
            return key;
        }

        public void setKey(@Nullable String key) {
            this.key = key;
        }

        public List<String> getLimits() {
            return limits;
        }

        public void setLimits(List<String> limits) {
            this.limits = limits;
        }

        /** {@code key} defaults to {@code required}. */
        public AdmissionSpec toSpec() {
            String text = key == null ? KeyRequirement.REQUIRED.configName() : key.strip().toLowerCase(Locale.ROOT);
            KeyRequirement requirement = switch (text) {
                case "required" -> KeyRequirement.REQUIRED;
                case "optional" -> KeyRequirement.OPTIONAL;
                default -> throw new IllegalArgumentException("key: \"" + key + "\" (expected: required or optional)");
            };
            return new AdmissionSpec(requirement, limits.stream().map(String::strip).filter(name -> !name.isEmpty()).toList());
        }
    }
}
