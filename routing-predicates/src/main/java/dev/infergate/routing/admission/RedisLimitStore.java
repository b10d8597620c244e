package dev.infergate.routing.admission;

import dev.infergate.routing.core.admission.Bandwidth;
import dev.infergate.routing.core.admission.LimitDefinition;
import dev.infergate.routing.core.admission.LimitState;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
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
 *
 * <p>Concurrent requests on one bucket are batched (Bucket4j's batching optimization): while one
 * compare-and-swap on a key is in flight, the requests that arrive meanwhile wait and then go as
 * one. Without it, a bucket shared by many callers (a route-scoped limit) makes each replica's
 * concurrent requests collide on the same key, and every lost compare-and-swap is another two
 * round trips. Batching needs one proxy per key to live across requests, so proxies are kept in a
 * map that is simply emptied when it grows past {@value #MAX_PROXIES} keys (a proxy holds no
 * bucket state, only the queue of requests waiting for its key).
 *
 * <p>The connection is opened asynchronously on first use, so a gateway starts while Redis is
 * away (its limits apply their failure policy meanwhile); a failed attempt is repeated at most
 * once per {@value #RECONNECT_INTERVAL_MILLIS} ms. Once connected, Lettuce reconnects by itself.
 */
public final class RedisLimitStore implements LimitStore, AutoCloseable {

    private static final String PREFIX = "infergate:ratelimit:";
    static final long RECONNECT_INTERVAL_MILLIS = 1000;
    static final int MAX_PROXIES = 10_000;

    private final RedisClient client;
    private final RedisURI uri;
    private final Duration timeout;
    private final AtomicReference<Attempt> attempt = new AtomicReference<>();
    private final Map<ProxyKey, AsyncBucketProxy> proxies = new ConcurrentHashMap<>();
    private final Map<LimitDefinition, String> fingerprints = new ConcurrentHashMap<>();

    public RedisLimitStore(RedisClient client, RedisURI uri, Duration timeout) {
        this.client = client;
        this.uri = uri;
        this.timeout = timeout;
    }

    /** A bucket's proxy belongs to one key and one proxy manager (a new connection makes new proxies). */
    private record ProxyKey(String redisKey, AsyncProxyManager<byte[]> buckets) {
    }

    private record Attempt(CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connection,
            CompletableFuture<AsyncProxyManager<byte[]>> buckets, long startedMillis) {
    }

    private CompletableFuture<AsyncProxyManager<byte[]>> buckets() {
        Attempt current = attempt.get();
        long now = System.currentTimeMillis();
        if (current == null || (current.buckets().isCompletedExceptionally() && now - current.startedMillis() >= RECONNECT_INTERVAL_MILLIS)) {
            CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connection =
                    client.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture();
            Attempt next = new Attempt(connection, connection.thenApply(RedisLimitStore::proxyManager), now);
            if (attempt.compareAndSet(current, next)) {
                return next.buckets();
            }
            return attempt.get().buckets();
        }
        return current.buckets();
    }

    private static AsyncProxyManager<byte[]> proxyManager(StatefulRedisConnection<byte[], byte[]> connection) {
        return Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build()
                .asAsync();
    }

    @Override
    public void close() {
        Attempt current = attempt.get();
        if (current != null) {
            current.connection().thenAccept(StatefulRedisConnection::close);
        }
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Mono<LimitState> tryConsume(String key, LimitDefinition limit, long tokens) {
        return call(() -> buckets().thenCompose(buckets -> bucket(buckets, key, limit).asVerbose().tryConsumeAndReturnRemaining(tokens)))
                .map(result -> LimitState.of(limit, result, false));
    }

    @Override
    public Mono<LimitState> adjust(String key, LimitDefinition limit, long difference) {
        return call(() -> buckets().thenCompose(buckets -> {
            AsyncBucketProxy bucket = bucket(buckets, key, limit);
            return difference > 0 ? bucket.asVerbose().consumeIgnoringRateLimits(difference).<VerboseResult<?>>thenApply(r -> r)
                    : difference < 0 ? bucket.asVerbose().addTokens(-difference).<VerboseResult<?>>thenApply(r -> r)
                    : bucket.asVerbose().getAvailableTokens().<VerboseResult<?>>thenApply(r -> r);
        })).map(result -> LimitState.settled(limit, result, false));
    }

    @Override
    public String failureReason(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
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

    private AsyncBucketProxy bucket(AsyncProxyManager<byte[]> buckets, String key, LimitDefinition limit) {
        if (fingerprints.size() >= MAX_PROXIES) {
            fingerprints.clear();
        }
        String fingerprint = fingerprints.computeIfAbsent(limit, RedisLimitStore::fingerprint);
        ProxyKey proxyKey = new ProxyKey(PREFIX + limit.name() + ":" + fingerprint + ":" + key, buckets);
        AsyncBucketProxy proxy = proxies.get(proxyKey);
        if (proxy == null) {
            if (proxies.size() >= MAX_PROXIES) {
                proxies.clear();
            }
            proxy = proxies.computeIfAbsent(proxyKey, missing -> buckets.builder()
                    .withOptimization(Optimizations.batching())
                    .build(missing.redisKey().getBytes(StandardCharsets.UTF_8),
                            () -> CompletableFuture.completedFuture(limit.bucketConfiguration())));
        }
        return proxy;
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
