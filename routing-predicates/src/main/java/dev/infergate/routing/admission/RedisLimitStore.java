package dev.infergate.routing.admission;

import dev.infergate.routing.core.admission.Bandwidth;
import dev.infergate.routing.core.admission.LimitDefinition;
import dev.infergate.routing.core.admission.LimitState;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.commons.codec.digest.DigestUtils;
import reactor.core.publisher.Mono;

/**
 * Buckets in Redis, shared by every replica, through Bucket4j's Lettuce integration and its async
 * API: no thread waits for Redis. The connection must be configured to reject commands while
 * disconnected ({@code REJECT_COMMANDS}) with a command timeout in the tens of milliseconds, so a
 * Redis outage turns into fast failures that {@link Limiter} answers by each limit's failure
 * policy, never into queued commands and stalled requests. {@code timeout} bounds a whole
 * operation (Bucket4j's compare-and-swap may take several commands).
 *
 * <p>Keys are {@code infergate:ratelimit:LIMIT:FINGERPRINT:BUCKET}, where the fingerprint is
 * derived from the limit's bandwidths: a changed limit starts with full buckets rather than
 * reinterpreting old state. Keys expire once a bucket would be full again.
 */
public final class RedisLimitStore implements LimitStore {

    private static final String PREFIX = "infergate:ratelimit:";

    private final AsyncProxyManager<byte[]> buckets;
    private final Duration timeout;

    public RedisLimitStore(StatefulRedisConnection<byte[], byte[]> connection, Duration timeout) {
        this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build()
                .asAsync();
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Mono<LimitState> tryConsume(String key, LimitDefinition limit, long tokens) {
        return call(() -> bucket(key, limit).asVerbose().tryConsumeAndReturnRemaining(tokens))
                .map(result -> LimitState.of(limit, result, false));
    }

    @Override
    public Mono<LimitState> adjust(String key, LimitDefinition limit, long difference) {
        AsyncBucketProxy bucket = bucket(key, limit);
        return call(() -> difference > 0 ? bucket.asVerbose().consumeIgnoringRateLimits(difference).thenApply(r -> (Object) r)
                        : difference < 0 ? bucket.asVerbose().addTokens(-difference).thenApply(r -> (Object) r)
                        : bucket.asVerbose().getAvailableTokens().thenApply(r -> (Object) r))
                .map(result -> LimitState.settled(limit, (io.github.bucket4j.VerboseResult<?>) result, false));
    }

    @Override
    public String failureReason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof RedisCommandTimeoutException || cause instanceof TimeoutException) {
            return "timeout";
        }
        if (cause instanceof RedisConnectionException) {
            return "connection";
        }
        String message = cause.getMessage();
        if (cause instanceof RedisException && message != null && message.toLowerCase(Locale.ROOT).contains("rejected")) {
            return "rejected";
        }
        return "error";
    }

    private <T> Mono<T> call(java.util.function.Supplier<CompletableFuture<T>> operation) {
        return Mono.fromFuture(operation, true).timeout(timeout);
    }

    private AsyncBucketProxy bucket(String key, LimitDefinition limit) {
        byte[] redisKey = (PREFIX + limit.name() + ":" + fingerprint(limit) + ":" + key).getBytes(StandardCharsets.UTF_8);
        return buckets.builder().build(redisKey, () -> CompletableFuture.completedFuture(limit.bucketConfiguration()));
    }

    static String fingerprint(LimitDefinition limit) {
        String bandwidths = limit.bandwidths().stream().map(RedisLimitStore::describe).collect(Collectors.joining(","));
        return DigestUtils.sha256Hex(bandwidths).substring(0, 8);
    }

    private static String describe(Bandwidth bandwidth) {
        return bandwidth.capacity() + "/" + bandwidth.refillTokens() + "/" + bandwidth.period().toMillis() + "/"
                + bandwidth.refill().configName();
    }
}
