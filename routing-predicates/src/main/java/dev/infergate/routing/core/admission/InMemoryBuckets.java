package dev.infergate.routing.core.admission;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded table of local Bucket4j buckets, one per limit and key (two limits never share a
 * bucket, whatever their keys).
 *
 * <p>Eviction never resets a limit: a bucket is forgotten only after it has been idle for its
 * limit's {@linkplain LimitDefinition#fullRefill() full-refill time}, when it is full again and so
 * equal to a new one. When the table holds {@code maxBuckets} buckets and none of them may be
 * forgotten, a new key gets no bucket ({@link Optional#empty()}) and the caller applies the
 * limit's failure policy: a size-based cache (Caffeine's) would evict a busy tenant's bucket
 * instead and hand it a fresh burst. Idle buckets are looked for only when the table is full.
 *
 * <p>When a key's limit definition changes, its bucket keeps its tokens (capped at the new
 * capacities) under the new configuration.
 */
public final class InMemoryBuckets {

    private final TimeMeter clock;
    private final int maxBuckets;
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();

    public InMemoryBuckets(TimeMeter clock, int maxBuckets) {
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("max buckets: " + maxBuckets + " (expected: >= 1)");
        }
        this.clock = clock;
        this.maxBuckets = maxBuckets;
    }

    /** Takes {@code tokens} from the key's bucket if all its bandwidths have them. Empty when the table is full. */
    public Optional<LimitState> tryConsume(String key, LimitDefinition limit, long tokens) {
        return bucket(key, limit).map(bucket -> {
            VerboseResult<ConsumptionProbe> result = bucket.asVerbose().tryConsumeAndReturnRemaining(tokens);
            return LimitState.of(limit, result, false);
        });
    }

    /**
     * Applies a reconciliation: a positive {@code difference} is taken even if the bucket goes into
     * debt, a negative one is given back up to the capacity. Empty when the table is full.
     */
    public Optional<LimitState> adjust(String key, LimitDefinition limit, long difference) {
        return bucket(key, limit).map(bucket -> {
            VerboseResult<?> result = difference > 0 ? bucket.asVerbose().consumeIgnoringRateLimits(difference)
                    : difference < 0 ? bucket.asVerbose().addTokens(-difference)
                    : bucket.asVerbose().getAvailableTokens();
            return LimitState.settled(limit, result, false);
        });
    }

    /** The number of buckets held. */
    public int size() {
        return buckets.size();
    }

    private Optional<Bucket> bucket(String bucketKey, LimitDefinition limit) {
        String key = limit.name() + '\u0000' + bucketKey;
        long now = clock.currentTimeNanos();
        Entry existing = buckets.get(key);
        if (existing == null && buckets.size() >= maxBuckets) {
            evictIdle(now);
            if (buckets.size() >= maxBuckets) {
                return Optional.empty();
            }
        }
        Entry entry = buckets.compute(key, (k, current) -> {
            if (current == null) {
                return new Entry(newBucket(limit), limit, now);
            }
            current.touch(now, limit);
            return current;
        });
        return Optional.of(entry.bucket);
    }

    private Bucket newBucket(LimitDefinition limit) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(clock);
        for (io.github.bucket4j.Bandwidth bandwidth : limit.bucketConfiguration().getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    private void evictIdle(long now) {
        buckets.entrySet().removeIf(entry -> entry.getValue().idleSinceFullRefill(now));
    }

    private static final class Entry {

        final Bucket bucket;
        volatile LimitDefinition limit;
        volatile long lastUsedNanos;

        Entry(Bucket bucket, LimitDefinition limit, long now) {
            this.bucket = bucket;
            this.limit = limit;
            this.lastUsedNanos = now;
        }

        void touch(long now, LimitDefinition current) {
            lastUsedNanos = now;
            if (!current.equals(limit)) {
                bucket.replaceConfiguration(current.bucketConfiguration(), TokensInheritanceStrategy.AS_IS);
                limit = current;
            }
        }

        boolean idleSinceFullRefill(long now) {
            return now - lastUsedNanos >= limit.fullRefill().toNanos();
        }
    }
}
