package dev.infergate.routing.core.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class LocalLoadTrackerTest {

    private final FakeClock clock = new FakeClock();
    private final LocalLoadTracker tracker = new LocalLoadTracker("10.0.0.1:8000", Duration.ofSeconds(10), clock);

    @Test
    void aLeaseIsInFlightUntilItCompletes() {
        Lease first = tracker.start();
        Lease second = tracker.start();

        assertThat(tracker.load().inFlight()).isEqualTo(2);
        assertThat(first.endpoint()).isEqualTo("10.0.0.1:8000");
        first.complete(Lease.Outcome.SUCCESS);
        second.complete(Lease.Outcome.IGNORED);
        assertThat(tracker.load().inFlight()).isZero();
    }

    @Test
    void aSuccessRecordsItsLatencyAndTimeToFirstByte() {
        Lease lease = tracker.start();
        clock.advance(Duration.ofMillis(40));
        lease.firstByte();
        clock.advance(Duration.ofMillis(160));
        lease.complete(Lease.Outcome.SUCCESS);

        LocalLoad load = tracker.load();
        assertThat(load.firstByteMillis()).hasValue(40);
        assertThat(load.latencyMillis()).hasValue(200);
        assertThat(load.errorRate()).isZero();
    }

    @Test
    void aFailureRaisesTheErrorRateButDoesNotMakeTheEndpointLookFast() {
        Lease slow = tracker.start();
        clock.advance(Duration.ofMillis(300));
        slow.complete(Lease.Outcome.SUCCESS);
        Lease failing = tracker.start();
        failing.complete(Lease.Outcome.FAILURE);

        LocalLoad load = tracker.load();
        assertThat(load.latencyMillis()).hasValue(300);
        // a success (0) and a failure (1) at the same instant
        assertThat(load.errorRate()).isEqualTo(0.5);
    }

    @Test
    void anIgnoredRequestTeachesNothing() {
        Lease lease = tracker.start();
        clock.advance(Duration.ofMillis(50));
        lease.complete(Lease.Outcome.IGNORED);

        assertThat(tracker.load()).isEqualTo(LocalLoad.idle());
    }

    @Test
    void onlyTheFirstCompletionAndTheFirstFirstByteCount() {
        Lease lease = tracker.start();
        clock.advance(Duration.ofMillis(10));
        lease.firstByte();
        clock.advance(Duration.ofMillis(10));
        lease.firstByte();
        lease.complete(Lease.Outcome.SUCCESS);
        lease.complete(Lease.Outcome.FAILURE);
        lease.firstByte();

        LocalLoad load = tracker.load();
        assertThat(load.inFlight()).isZero();
        assertThat(load.firstByteMillis()).hasValue(10);
        assertThat(load.errorRate()).isZero();
    }
}
