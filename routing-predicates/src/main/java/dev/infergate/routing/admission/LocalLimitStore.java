package dev.infergate.routing.admission;

import dev.infergate.routing.core.admission.InMemoryBuckets;
import dev.infergate.routing.core.admission.LimitDefinition;
import dev.infergate.routing.core.admission.LimitState;
import io.github.bucket4j.TimeMeter;
import reactor.core.publisher.Mono;

/**
 * Buckets in this process's memory ({@link InMemoryBuckets}): the default for one replica.
 * Operations complete at once on the calling thread (Bucket4j's local buckets are lock-free).
 */
public final class LocalLimitStore implements LimitStore {

    private final InMemoryBuckets buckets;
    private final int maxBuckets;

    public LocalLimitStore(TimeMeter clock, int maxBuckets) {
        this.buckets = new InMemoryBuckets(clock, maxBuckets);
        this.maxBuckets = maxBuckets;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Mono<LimitState> tryConsume(String key, LimitDefinition limit, long tokens) {
        return Mono.fromSupplier(() -> buckets.tryConsume(key, limit, tokens)
                .orElseThrow(() -> new BucketTableFullException(maxBuckets)));
    }

    @Override
    public Mono<LimitState> adjust(String key, LimitDefinition limit, long difference) {
        return Mono.fromSupplier(() -> buckets.adjust(key, limit, difference)
                .orElseThrow(() -> new BucketTableFullException(maxBuckets)));
    }

    @Override
    public String failureReason(Throwable failure) {
        return failure instanceof BucketTableFullException ? "full" : "error";
    }
}
