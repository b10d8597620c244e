package dev.infergate.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.ConcurrentHistogram;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Opens SSE streams at a fixed rate (open loop, like {@link OpenLoopGenerator}) and reads each to
 * its end, recording the time from each stream's due start to its first event and the gaps between
 * its events as they reach the client. A stream that is not complete by the deadline is cancelled
 * and counted as failed, so the run always ends.
 */
public final class SseProbe {

    private SseProbe() {
    }

    /**
     * @param base scheme, host and port of the target
     * @param path the streaming path, e.g. {@code /sse}
     * @param streams how many streams to open
     * @param opensPerSecond how fast to open them
     * @param expectedEvents events a complete stream carries
     * @param timeout the longest the whole run may take after the last stream was opened
     * @param protocol HTTP/1.1 (one connection per stream) or h2c (streams share connections)
     */
    public record Settings(URI base, String path, int streams, double opensPerSecond, int expectedEvents,
            Duration timeout, HttpProtocol protocol) {
    }

    public static SseReport run(Settings settings) {
        ConnectionProvider pool = ConnectionProvider.builder("sse-probe")
                .maxConnections(settings.streams())
                .pendingAcquireMaxCount(-1)
                .build();
        LoopResources loops = LoopResources.create("sse-probe", 1, true);
        try {
            HttpClient client = HttpClient.create(pool)
                    .runOn(loops)
                    .protocol(settings.protocol())
                    .baseUrl(settings.base().toString());
            return new Run(settings, client).execute();
        } finally {
            pool.disposeLater().block(Duration.ofSeconds(10));
            loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
        }
    }

    private static final class Run {

        private final Settings settings;
        private final HttpClient client;
        private final ConcurrentHistogram firstEvent = Histograms.concurrent();
        private final ConcurrentHistogram gap = Histograms.concurrent();
        private final AtomicInteger complete = new AtomicInteger();
        private final AtomicLong events = new AtomicLong();
        private final AtomicReference<@Nullable String> firstFailure = new AtomicReference<>();
        private final CountDownLatch ended;

        Run(Settings settings, HttpClient client) {
            this.settings = settings;
            this.client = client;
            this.ended = new CountDownLatch(settings.streams());
        }

        SseReport execute() {
            List<Disposable> open = new ArrayList<>(settings.streams());
            double period = 1e9 / settings.opensPerSecond();
            long start = System.nanoTime() + 20_000_000;
            for (int i = 0; i < settings.streams(); i++) {
                long due = start + Math.round(i * period);
                Pacing.until(due);
                open.add(stream(due));
            }
            try {
                if (!ended.await(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    firstFailure.compareAndSet(null, ended.getCount() + " streams still open at the deadline");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while streams were open", e);
            }
            open.forEach(Disposable::dispose);
            int completed = complete.get();
            return new SseReport(settings.streams(), completed, settings.streams() - completed, events.get(),
                    LatencySummary.of(firstEvent), LatencySummary.of(gap), firstFailure.get());
        }

        private Disposable stream(long due) {
            EventScanner scanner = new EventScanner();
            long[] state = {0, 0};
            return client.get()
                    .uri(settings.path())
                    .response((response, body) -> response.status().code() != 200
                            ? Mono.error(new IllegalStateException("status " + response.status()))
                            : body.doOnNext(chunk -> {
                                long now = System.nanoTime();
                                int count = scanner.accept(chunk);
                                for (int e = 0; e < count; e++) {
                                    if (state[0] == 0) {
                                        Histograms.record(firstEvent, now - due);
                                    } else {
                                        Histograms.record(gap, now - state[1]);
                                    }
                                    state[0]++;
                                    state[1] = now;
                                }
                            }).then())
                    .then()
                    .subscribe(null, error -> end(error.toString()), () -> {
                        events.addAndGet(state[0]);
                        if (state[0] == settings.expectedEvents()) {
                            complete.incrementAndGet();
                            ended.countDown();
                        } else {
                            end(state[0] + " events instead of " + settings.expectedEvents());
                        }
                    });
        }

        private void end(String problem) {
            firstFailure.compareAndSet(null, problem);
            ended.countDown();
        }
    }
}
