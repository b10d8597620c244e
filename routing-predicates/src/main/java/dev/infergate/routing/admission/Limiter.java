package dev.infergate.routing.admission;

import dev.infergate.routing.core.admission.FailurePolicy;
import dev.infergate.routing.core.admission.InMemoryBuckets;
import dev.infergate.routing.core.admission.LimitDefinition;
import dev.infergate.routing.core.admission.LimitState;
import io.github.bucket4j.TimeMeter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A {@link LimitStore} with each limit's failure policy applied when the store fails.
 *
 * <ul>
 *   <li>{@code fail-open}: the request is decided by a local fallback bucket of the limit
 *       {@linkplain LimitDefinition#share(int) divided by the replica count}; the state says
 *       {@code fallback} and carries the local share, so {@code RateLimit} reports the bucket that
 *       decided (the filter adds a response header) and the decision meter counts
 *       {@code fallback-allowed} / {@code fallback-limited}. When even the local table is full
 *       the request passes uncounted, marked as fallback.</li>
 *   <li>{@code fail-closed}: {@link LimitStoreUnavailableException}, answered 503 with
 *       {@code Retry-After}.</li>
 * </ul>
 *
 * <p>Every failure is counted ({@code infergate.ratelimit.store.failures}); the first failure of
 * an episode is logged at WARN and the first success after it at INFO, so an outage costs two
 * log lines however much traffic it meets.
 */
public final class Limiter {

    private static final Logger log = LoggerFactory.getLogger(Limiter.class);

    private final LimitStore store;
    private final InMemoryBuckets fallback;
    private final AdmissionMeters meters;
    private final AtomicBoolean failing = new AtomicBoolean();

    public Limiter(LimitStore store, TimeMeter clock, int maxFallbackBuckets, AdmissionMeters meters) {
        this.store = store;
        this.fallback = new InMemoryBuckets(clock, maxFallbackBuckets);
        this.meters = meters;
    }

    public Mono<LimitState> tryConsume(String key, LimitDefinition limit, long tokens, int replicas) {
        return store.tryConsume(key, limit, tokens)
                .doOnNext(state -> recovered())
                .onErrorResume(failure -> {
                    failed(failure);
                    if (limit.failurePolicy() == FailurePolicy.FAIL_CLOSED) {
                        return Mono.error(new LimitStoreUnavailableException(limit.name(), failure));
                    }
                    return Mono.just(fallback.tryConsume(key, limit.share(replicas), tokens)
                            .map(local -> new LimitState(local.limit(), local.allowed(), local.available(), local.nanosToWait(), true))
                            .orElseGet(() -> uncounted(limit)));
                });
    }

    /** A reconciliation; on failure a {@code fail-open} limit settles with its fallback bucket, a {@code fail-closed} one drops it. */
    public Mono<LimitState> adjust(String key, LimitDefinition limit, long difference, int replicas) {
        return store.adjust(key, limit, difference)
                .doOnNext(state -> recovered())
                .onErrorResume(failure -> {
                    failed(failure);
                    if (limit.failurePolicy() == FailurePolicy.FAIL_CLOSED) {
                        return Mono.empty();
                    }
                    return Mono.justOrEmpty(fallback.adjust(key, limit.share(replicas), difference)
                            .map(local -> new LimitState(local.limit(), true, local.available(), 0, true)));
                });
    }

    public String storeName() {
        return store.name();
    }

    private static LimitState uncounted(LimitDefinition limit) {
        List<Long> zeros = new ArrayList<>(Collections.nCopies(limit.bandwidths().size(), 0L));
        return new LimitState(limit, true, zeros, 0, true);
    }

    private void failed(Throwable failure) {
        String reason = store.failureReason(failure);
        meters.storeFailure(store.name(), reason);
        if (failing.compareAndSet(false, true)) {
            log.warn("Rate-limit store '{}' failed ({}: {}); limits apply their failure policy until it answers again",
                    store.name(), reason, failure.getClass().getSimpleName());
        }
    }

    private void recovered() {
        if (failing.compareAndSet(true, false)) {
            log.info("Rate-limit store '{}' answers again", store.name());
        }
    }
}
