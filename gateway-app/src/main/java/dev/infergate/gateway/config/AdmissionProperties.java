package dev.infergate.gateway.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where rate-limit buckets live ({@code infergate.ratelimit.*}).
 *
 * @param store {@code memory} (default: one replica) or {@code redis} (shared by replicas)
 * @param redisUri the Redis URI for {@code store: redis}, e.g. {@code redis://127.0.0.1:6379}
 * @param commandTimeout the timeout of every Redis command and of a whole bucket operation (default 50 ms)
 * @param maxBuckets the in-memory table's bound, for the memory store and for fail-open fallback buckets
 */
@ConfigurationProperties("infergate.ratelimit")
public record AdmissionProperties(@DefaultValue("memory") String store, @Nullable String redisUri,
        @DefaultValue("50ms") Duration commandTimeout, @DefaultValue("100000") int maxBuckets) {

    public AdmissionProperties {
        if (!store.equals("memory") && !store.equals("redis")) {
            throw new IllegalArgumentException("infergate.ratelimit.store: " + store + " (expected: memory or redis)");
        }
        if (store.equals("redis") && (redisUri == null || redisUri.isBlank())) {
            throw new IllegalArgumentException("infergate.ratelimit.redis-uri: missing (expected: a redis:// URI with store redis)");
        }
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("infergate.ratelimit.max-buckets: " + maxBuckets + " (expected: >= 1)");
        }
    }
}
