package dev.infergate.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Many SSE streams held open and idle, to measure what each costs the proxy in between. A stream
 * counts as held once its first event arrived (the proxy then holds both connections and the
 * stream's state). {@link #close()} cancels every stream and releases the client.
 */
public final class IdleStreams implements AutoCloseable {

    private final ConnectionProvider pool;
    private final LoopResources loops;
    private final List<Disposable> streams;
    private final CountDownLatch firstEvents;
    private final AtomicInteger failed;
    private final AtomicReference<@Nullable String> firstFailure;

    private IdleStreams(ConnectionProvider pool, LoopResources loops, List<Disposable> streams,
            CountDownLatch firstEvents, AtomicInteger failed, AtomicReference<@Nullable String> firstFailure) {
        this.pool = pool;
        this.loops = loops;
        this.streams = streams;
        this.firstEvents = firstEvents;
        this.failed = failed;
        this.firstFailure = firstFailure;
    }

    /** Opens {@code count} streams on {@code path} at {@code opensPerSecond}; returns once all were started. */
    public static IdleStreams open(URI base, String path, int count, double opensPerSecond, HttpProtocol protocol) {
        ConnectionProvider pool = ConnectionProvider.builder("idle-streams")
                .maxConnections(count)
                .pendingAcquireMaxCount(-1)
                .build();
        LoopResources loops = LoopResources.create("idle-streams", 1, true);
        HttpClient client = HttpClient.create(pool).runOn(loops).protocol(protocol).baseUrl(base.toString());
        CountDownLatch firstEvents = new CountDownLatch(count);
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<@Nullable String> firstFailure = new AtomicReference<>();
        List<Disposable> streams = new ArrayList<>(count);
        double period = 1e9 / opensPerSecond;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Pacing.until(start + Math.round(i * period));
            EventScanner scanner = new EventScanner();
            boolean[] seen = {false};
            streams.add(client.get()
                    .uri(path)
                    .response((response, body) -> response.status().code() != 200
                            ? Mono.error(new IllegalStateException("status " + response.status()))
                            : body.doOnNext(chunk -> {
                                if (scanner.accept(chunk) > 0 && !seen[0]) {
                                    seen[0] = true;
                                    firstEvents.countDown();
                                }
                            }).then())
                    .then()
                    .subscribe(null, error -> {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, error.toString());
                    }));
        }
        return new IdleStreams(pool, loops, streams, firstEvents, failed, firstFailure);
    }

    /** Waits until every stream has its first event, or the timeout; returns how many have it. */
    public int awaitHeld(Duration timeout) {
        try {
            firstEvents.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening streams", e);
        }
        return (int) (streams.size() - firstEvents.getCount());
    }

    public int failed() {
        return failed.get();
    }

    public @Nullable String firstFailure() {
        return firstFailure.get();
    }

    @Override
    public void close() {
        streams.forEach(Disposable::dispose);
        pool.disposeLater().block(Duration.ofSeconds(30));
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
    }
}
