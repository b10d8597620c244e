package dev.infergate.sim.model;

import static dev.infergate.sim.model.TestServers.millis;
import static dev.infergate.sim.model.TestServers.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class RealtimeDriverTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            task -> new Thread(task, "driver-under-test"));
    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void tokensArriveInOrderAtTheModelsTimesOnTheDriverThread() throws Exception {
        RealtimeDriver driver = RealtimeDriver.start(TestServers.small(), executor, clock::get);
        Events events = new Events(10);

        driver.submit(request(100, 10), events).orElseThrow();
        assertThat(driver.snapshot().get(5, TimeUnit.SECONDS).waiting()).as("queued at model time 0").isEqualTo(1);
        clock.addAndGet(millis(1000));

        assertThat(events.completed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(events.indices).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(events.times.get(0)).isEqualTo(millis(10));
        assertThat(events.times.get(9)).isEqualTo(millis(57.25));
        assertThat(events.completedAt).containsExactly(millis(57.25));
        assertThat(events.threads).containsOnly("driver-under-test");
        assertThat(driver.snapshot().get(5, TimeUnit.SECONDS).requestsFinished()).isEqualTo(1);
        assertThat(driver.latestSnapshot().requestsFinished()).isEqualTo(1);
        assertThat(driver.latestSnapshot().atNanos()).isEqualTo(millis(1000));
    }

    @Test
    void aShortRealRunDeliversEveryTokenOneStepApart() throws Exception {
        ServerSpec fast = TestServers.small().toBuilder()
                .stepOverhead(Duration.ofMillis(1))
                .prefillCostPerToken(Duration.ofNanos(1_000))
                .decodeCostPerSeq(Duration.ZERO)
                .build();
        try (RealtimeDriver driver = RealtimeDriver.start(fast)) {
            Events events = new Events(5);

            driver.submit(request(10, 5), events).orElseThrow();

            assertThat(events.completed.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(events.indices).containsExactly(0, 1, 2, 3, 4);
            for (int i = 1; i < 5; i++) {
                assertThat(events.times.get(i) - events.times.get(i - 1)).isEqualTo(millis(1));
            }
            assertThat(events.threads).containsOnly("infergate-sim-t");
            assertThat(driver.elapsedNanos()).isGreaterThanOrEqualTo(events.times.get(4));
        }
    }

    @Test
    void aCancelFromAnotherThreadStopsTheTokens() throws Exception {
        RealtimeDriver driver = RealtimeDriver.start(TestServers.small(), executor, clock::get);
        Events events = new Events(10);

        SequenceHandle handle = driver.submit(request(100, 10), events).orElseThrow();
        handle.cancel();
        clock.addAndGet(millis(1000));

        Snapshot snapshot = driver.snapshot().get(5, TimeUnit.SECONDS);
        assertThat(snapshot.running()).isZero();
        assertThat(snapshot.waiting()).isZero();
        assertThat(snapshot.generationTokens()).isZero();
        assertThat(events.indices).isEmpty();
    }

    @Test
    void aSpeedChangeReachesTheModel() throws Exception {
        RealtimeDriver driver = RealtimeDriver.start(TestServers.small(), executor, clock::get);
        Events events = new Events(2);

        driver.setSpeed(0.5);
        driver.submit(request(100, 2), events).orElseThrow();
        driver.snapshot().get(5, TimeUnit.SECONDS);
        clock.addAndGet(millis(1000));

        assertThat(events.completed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(events.times).containsExactly(millis(20), millis(30.5));
    }

    @Test
    void aRequestThatCanNeverFitIsRejectedAtOnce() {
        RealtimeDriver driver = RealtimeDriver.start(TestServers.small(), executor, clock::get);

        assertThat(driver.submit(request(5000, 1), new Events(1))).isInstanceOf(Submission.Rejected.class);
    }

    @Test
    void aClosedDriverAcceptsNoRequests() {
        RealtimeDriver driver = RealtimeDriver.start(TestServers.small(), executor, clock::get);

        driver.close();

        assertThatThrownBy(() -> driver.submit(request(10, 1), new Events(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The simulated server t was closed");
        assertThat(executor.isShutdown()).as("a shared executor is left running").isFalse();
    }

    /** Thread-safe record of callbacks. */
    private static final class Events implements SequenceListener {

        final List<Integer> indices = new CopyOnWriteArrayList<>();
        final List<Long> times = new CopyOnWriteArrayList<>();
        final List<Long> completedAt = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final CountDownLatch completed = new CountDownLatch(1);

        Events(int expectedTokens) {
            // The count documents the request's size; the latch waits for onComplete.
            assertThat(expectedTokens).isPositive();
        }

        @Override
        public void onToken(int index, long atNanos) {
            indices.add(index);
            times.add(atNanos);
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void onComplete(long atNanos) {
            completedAt.add(atNanos);
            threads.add(Thread.currentThread().getName());
            completed.countDown();
        }
    }
}
