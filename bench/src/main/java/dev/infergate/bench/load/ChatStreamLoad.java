package dev.infergate.bench.load;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * An open-loop generator of streaming chat completions ({@code POST} with {@code "stream": true}),
 * as {@link OpenLoopGenerator} is for plain GETs: requests leave at the times an {@link
 * ArrivalSchedule} sets, whatever happened to the earlier ones, from a task on the client's one
 * event loop, and every latency runs from the request's due time. Each SSE stream is read to its
 * end, recording the time to its first event (the first token), the time per output token between
 * its first and its last token, its end-to-end time and that divided by its tokens, each into an
 * HdrHistogram.
 *
 * <p>The requests' bodies are built before the run (request {@code i} from {@code requests}), so
 * the event loop only sends. A stream is complete when it carried one event per token, the finish
 * chunk and {@code [DONE]}: {@code tokens + 2} events. Connections are HTTP/1.1, one per open
 * stream, up to 4 096; the run sends nothing due after {@code warmUp + measure}, then waits at most
 * {@code drain} for open streams and counts the rest as failed.
 */
public final class ChatStreamLoad {

    /** One request: its body and the output tokens its stream must carry. */
    public record Request(byte[] body, int tokens) {
    }

    /**
     * @param base scheme, host and port of the target
     * @param path the path every request posts to
     * @param headers extra request headers (e.g. one that selects a route)
     * @param schedule when requests are due
     * @param requests request {@code i} of the run
     * @param warmUp the first part of the run, sent but not recorded
     * @param measure the recorded part
     * @param drain the longest wait for open streams after the last request was sent
     */
    public record Settings(URI base, String path, Map<String, String> headers, ArrivalSchedule schedule,
            LongFunction<Request> requests, Duration warmUp, Duration measure, Duration drain) {
    }

    static final int MAX_CONNECTIONS = 4096;
    /** The SSE events of a stream beyond its tokens: the finish chunk and {@code [DONE]}. */
    static final int TRAILING_EVENTS = 2;

    private ChatStreamLoad() {
    }

    public static ChatStreamReport run(Settings settings) {
        ConnectionProvider pool = ConnectionProvider.builder("chat-stream")
                .maxConnections(MAX_CONNECTIONS)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofSeconds(60))
                .build();
        LoopResources loops = LoopResources.create("chat-stream", 1, true);
        try {
            HttpClient client = HttpClient.create(pool)
                    .runOn(loops)
                    .baseUrl(settings.base().toString())
                    .headers(headers -> {
                        headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
                        settings.headers().forEach(headers::set);
                    });
            EventLoop loop = loops.onClient(LoopResources.DEFAULT_NATIVE).next();
            return new Run(settings, client, loop).execute();
        } finally {
            pool.disposeLater().block(Duration.ofSeconds(10));
            loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
        }
    }

    private static final class Run implements Runnable {

        private final Settings settings;
        private final HttpClient client;
        private final EventLoop loop;
        private final long[] offsets;
        private final Request[] requests;
        private final long warmUp;
        private final long start;
        private final ConcurrentHistogram ttft = Histograms.concurrent();
        private final ConcurrentHistogram tpot = Histograms.concurrent();
        private final ConcurrentHistogram e2e = Histograms.concurrent();
        private final ConcurrentHistogram normalized = Histograms.concurrent();
        private final ConcurrentHistogram lag = Histograms.concurrent();
        private final AtomicLong measuredSent = new AtomicLong();
        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong tokens = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong completed = new AtomicLong();
        private final AtomicReference<@Nullable String> firstFailure = new AtomicReference<>();
        private final ConcurrentLinkedQueue<Disposable> streams = new ConcurrentLinkedQueue<>();
        private final CountDownLatch allSent = new CountDownLatch(1);
        private volatile int next;

        Run(Settings settings, HttpClient client, EventLoop loop) {
            this.settings = settings;
            this.client = client;
            this.loop = loop;
            this.warmUp = settings.warmUp().toNanos();
            long end = warmUp + settings.measure().toNanos();
            List<Long> due = new ArrayList<>();
            LongSupplier schedule = settings.schedule().offsets();
            for (long offset = schedule.getAsLong(); offset < end; offset = schedule.getAsLong()) {
                due.add(offset);
            }
            this.offsets = due.stream().mapToLong(Long::longValue).toArray();
            this.requests = new Request[offsets.length];
            for (int i = 0; i < offsets.length; i++) {
                requests[i] = settings.requests().apply(i);
            }
            this.start = System.nanoTime() + 50_000_000;
        }

        ChatStreamReport execute() {
            if (offsets.length == 0) {
                allSent.countDown();
            } else {
                loop.schedule(this, start - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            try {
                long sendingMillis = (start - System.nanoTime() + warmUp + settings.measure().toNanos()) / 1_000_000;
                if (!allSent.await(sendingMillis + 60_000, TimeUnit.MILLISECONDS)) {
                    failure("the generator did not finish sending in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending", e);
            }
            long deadline = System.nanoTime() + settings.drain().toNanos();
            while (completed.get() < next && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(5_000_000);
            }
            long unfinished = next - completed.get();
            streams.forEach(Disposable::dispose);
            long unfinishedMeasured = 0;
            if (unfinished > 0) {
                failure(unfinished + " streams unfinished when the run ended");
                // Streams still open are counted against the measured window when it has any.
                unfinishedMeasured = Math.min(unfinished, measuredSent.get() - ok.get() - failed.get());
            }
            double seconds = settings.measure().toNanos() / 1e9;
            return new ChatStreamReport(settings.schedule().perSecond(), measuredSent.get(), ok.get(),
                    failed.get() + unfinishedMeasured, LatencySummary.of(ttft), LatencySummary.of(tpot),
                    LatencySummary.of(e2e), LatencySummary.of(normalized), ok.get() / seconds, tokens.get() / seconds,
                    lag.getValueAtPercentile(99) / 1_000.0, firstFailure.get());
        }

        /** Sends everything due by now, then sleeps on the event loop until the next request is due. */
        @Override
        public void run() {
            long now = System.nanoTime();
            while (next < offsets.length && start + offsets[next] - now <= 0) {
                long due = start + offsets[next];
                boolean measured = offsets[next] >= warmUp;
                if (measured) {
                    Histograms.record(lag, now - due);
                    measuredSent.incrementAndGet();
                }
                streams.add(send(requests[next], due, measured));
                next++;
                now = System.nanoTime();
            }
            if (next >= offsets.length) {
                allSent.countDown();
            } else {
                loop.schedule(this, start + offsets[next] - now, TimeUnit.NANOSECONDS);
            }
        }

        private Disposable send(Request request, long due, boolean measured) {
            EventScanner scanner = new EventScanner();
            // events seen, first token, last token
            long[] state = {0, 0, 0};
            int expected = request.tokens() + TRAILING_EVENTS;
            return client.post()
                    .uri(settings.path())
                    .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(request.body())))
                    .response((response, body) -> response.status().code() != 200
                            ? Mono.error(new IllegalStateException("status " + response.status()))
                            : body.doOnNext(chunk -> {
                                long now = System.nanoTime();
                                int count = scanner.accept(chunk);
                                for (int e = 0; e < count; e++) {
                                    if (state[0] == 0) {
                                        state[1] = now;
                                    }
                                    if (state[0] == request.tokens() - 1) {
                                        state[2] = now;
                                    }
                                    state[0]++;
                                }
                            }).then())
                    .then()
                    .subscribe(null, error -> end(measured, error.toString()), () -> {
                        if (state[0] != expected) {
                            end(measured, state[0] + " events instead of " + expected);
                            return;
                        }
                        long now = System.nanoTime();
                        if (measured) {
                            Histograms.record(ttft, state[1] - due);
                            if (request.tokens() > 1) {
                                Histograms.record(tpot, (state[2] - state[1]) / (request.tokens() - 1));
                            }
                            Histograms.record(e2e, now - due);
                            Histograms.record(normalized, (now - due) / request.tokens());
                            ok.incrementAndGet();
                            tokens.addAndGet(request.tokens());
                        }
                        completed.incrementAndGet();
                    });
        }

        private void failure(String problem) {
            firstFailure.compareAndSet(null, problem);
        }

        private void end(boolean measured, String problem) {
            if (measured) {
                failed.incrementAndGet();
            }
            firstFailure.compareAndSet(null, problem);
            completed.incrementAndGet();
        }
    }
}
