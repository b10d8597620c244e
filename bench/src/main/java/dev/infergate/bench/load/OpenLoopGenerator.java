package dev.infergate.bench.load;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * An open-loop HTTP/1.1 load generator: requests leave at the times an {@link ArrivalSchedule}
 * sets, whether or not earlier ones were answered, and each latency runs from the request's due
 * time (not its actual send) to the end of its answer, into an HdrHistogram. A slow system under
 * test therefore shows its queueing instead of slowing the generator down, as closed-loop tools do.
 *
 * <p>Requests leave from a task on the client's event loop, rescheduled for each due time (the
 * epoll transport wakes with microsecond precision); how late each left is recorded too, as the
 * generator's own lag. The connection pool is sized for the rate: enough connections for 10 ms worth of requests
 * (at least 8, at most 1 024); requests beyond it wait for a connection, and that wait counts in
 * their latency. The run is bounded: it sends nothing due after {@code warmUp + measure}, then
 * waits at most {@code drain} for outstanding answers and counts the rest as failed.
 */
public final class OpenLoopGenerator {

    private static final byte[] NO_BODY = new byte[0];

    private OpenLoopGenerator() {
    }

    /**
     * @param base scheme, host and port of the target
     * @param path the path every request asks for
     * @param schedule when requests are due
     * @param warmUp the first part of the run, sent but not recorded
     * @param measure the recorded part
     * @param drain the longest wait for answers after the last request was sent
     * @param expectedBody when not null, an answer with another body counts as failed
     */
    public record Settings(URI base, String path, ArrivalSchedule schedule, Duration warmUp, Duration measure,
            Duration drain, @Nullable String expectedBody) {
    }

    public static LoadReport run(Settings settings) {
        int connections = (int) Math.min(1024, Math.max(8, Math.ceil(settings.schedule().perSecond() * 0.010)));
        ConnectionProvider pool = ConnectionProvider.builder("open-loop")
                .maxConnections(connections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofSeconds(30))
                .build();
        LoopResources loops = LoopResources.create("open-loop", 1, true);
        try {
            HttpClient client = HttpClient.create(pool)
                    .runOn(loops)
                    .baseUrl(settings.base().toString())
                    .responseTimeout(Duration.ofSeconds(10));
            EventLoop loop = loops.onClient(LoopResources.DEFAULT_NATIVE).next();
            return new Run(settings, client, loop, connections).execute();
        } finally {
            pool.disposeLater().block(Duration.ofSeconds(10));
            loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
        }
    }

    /**
     * The state of one run. Requests are sent by a task on the client's only event loop that
     * reschedules itself for the next due time, so sending, answers and timing share one thread
     * and nothing spins: the generator needs one core, the one it is pinned to.
     */
    private static final class Run implements Runnable {

        private final Settings settings;
        private final HttpClient client;
        private final EventLoop loop;
        private final int connections;
        private final byte @Nullable [] expected;
        private final LongSupplier offsets;
        private final long warmUp;
        private final long end;
        private final long start;
        private final ConcurrentHistogram latency = Histograms.concurrent();
        private final ConcurrentHistogram lag = Histograms.concurrent();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong measuredSent = new AtomicLong();
        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong completed = new AtomicLong();
        private final AtomicReference<@Nullable String> firstFailure = new AtomicReference<>();
        private final CountDownLatch allSent = new CountDownLatch(1);
        private long next;

        Run(Settings settings, HttpClient client, EventLoop loop, int connections) {
            this.settings = settings;
            this.client = client;
            this.loop = loop;
            this.connections = connections;
            String body = settings.expectedBody();
            this.expected = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            this.offsets = settings.schedule().offsets();
            this.warmUp = settings.warmUp().toNanos();
            this.end = warmUp + settings.measure().toNanos();
            this.start = System.nanoTime() + 20_000_000;
            this.next = offsets.getAsLong();
        }

        LoadReport execute() {
            loop.schedule(this, start - System.nanoTime(), TimeUnit.NANOSECONDS);
            try {
                if (!allSent.await(end / 1_000_000 + 60_000, TimeUnit.MILLISECONDS)) {
                    failure("the generator did not finish sending in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending", e);
            }
            long deadline = System.nanoTime() + settings.drain().toNanos();
            while (completed.get() < sent.get() && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(1_000_000);
            }
            long unanswered = sent.get() - completed.get();
            if (unanswered > 0) {
                failure(unanswered + " requests unanswered when the run ended");
            }
            double seconds = settings.measure().toNanos() / 1e9;
            return new LoadReport(settings.schedule().perSecond(), ok.get() / seconds, measuredSent.get(), ok.get(),
                    failed.get() + unanswered, LatencySummary.of(latency), lag.getValueAtPercentile(99) / 1_000.0,
                    connections, firstFailure.get());
        }

        /** Sends everything due by now, then sleeps on the event loop until the next request is due. */
        @Override
        public void run() {
            long now = System.nanoTime();
            while (next < end && start + next - now <= 0) {
                long due = start + next;
                boolean measured = next >= warmUp;
                if (measured) {
                    Histograms.record(lag, now - due);
                    measuredSent.incrementAndGet();
                }
                send(due, measured);
                sent.incrementAndGet();
                next = offsets.getAsLong();
                now = System.nanoTime();
            }
            if (next >= end) {
                allSent.countDown();
            } else {
                loop.schedule(this, start + next - now, TimeUnit.NANOSECONDS);
            }
        }

        private void send(long due, boolean measured) {
            client.get()
                    .uri(settings.path())
                    .responseSingle((response, body) -> body.asByteArray()
                            .defaultIfEmpty(NO_BODY)
                            .map(bytes -> problem(response.status(), bytes)))
                    .defaultIfEmpty("")
                    .onErrorResume(error -> Mono.just(String.valueOf(error)))
                    .subscribe(problem -> {
                        long elapsed = System.nanoTime() - due;
                        if (problem.isEmpty()) {
                            if (measured) {
                                ok.incrementAndGet();
                                Histograms.record(latency, elapsed);
                            }
                        } else {
                            if (measured) {
                                failed.incrementAndGet();
                            }
                            failure(problem);
                        }
                        completed.incrementAndGet();
                    });
        }

        /** The empty string for a good answer, otherwise what is wrong with it. */
        private String problem(HttpResponseStatus status, byte[] body) {
            if (status.code() != 200) {
                return "status " + status;
            }
            if (expected != null && !Arrays.equals(expected, body)) {
                return "unexpected body " + new String(body, StandardCharsets.UTF_8);
            }
            return "";
        }

        private void failure(String problem) {
            firstFailure.compareAndSet(null, problem);
        }
    }
}
