package dev.infergate.routing.core.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LoadSignalsTest {

    private static final String ENDPOINT = "10.0.0.1:8000";

    private final FakeClock clock = new FakeClock();
    private final LoadSignals signals = new LoadSignals(new SignalSettings(Duration.ofSeconds(10), Duration.ofSeconds(3)), clock);

    @Test
    void anUnknownEndpointHasOnlyIdleLocalSignals() {
        LoadSnapshot snapshot = signals.snapshot(ENDPOINT);

        assertThat(snapshot).isEqualTo(LoadSnapshot.local(ENDPOINT, LocalLoad.idle()));
        assertThat(snapshot.waitingOrZero()).isZero();
    }

    @Test
    void aScrapeIsUsedUntilItIsOlderThanTheMaximumAge() {
        signals.recordScrape(ENDPOINT, BackendLoad.of(3, 12, 0.5));

        clock.advance(Duration.ofSeconds(3));
        LoadSnapshot fresh = signals.snapshot(ENDPOINT);
        assertThat(fresh.backend()).hasValue(new BackendSignal(BackendLoad.of(3, 12, 0.5), BackendSignal.Source.SCRAPE,
                Duration.ofSeconds(3)));
        assertThat(fresh.waitingOrZero()).isEqualTo(3);
        assertThat(fresh.runningOrZero()).isEqualTo(12);
        assertThat(fresh.kvCacheUsageOrZero()).isEqualTo(0.5);

        clock.advance(Duration.ofNanos(1));
        assertThat(signals.snapshot(ENDPOINT).backend()).isEmpty();
    }

    @Test
    void theFresherOfScrapeAndReportWins() {
        signals.recordScrape(ENDPOINT, BackendLoad.of(1, 1, 0.1));
        clock.advance(Duration.ofMillis(500));
        signals.recordReport(ENDPOINT, BackendLoad.of(2, 2, 0.2));

        assertThat(signals.snapshot(ENDPOINT).backend()).map(BackendSignal::source).hasValue(BackendSignal.Source.REPORT);

        clock.advance(Duration.ofMillis(100));
        signals.recordScrape(ENDPOINT, BackendLoad.of(4, 4, 0.4));
        assertThat(signals.snapshot(ENDPOINT).backend()).map(BackendSignal::load).hasValue(BackendLoad.of(4, 4, 0.4));
    }

    @Test
    void aFailedScrapeFallsBackToLocalSignalsAtOnce() {
        signals.recordScrape(ENDPOINT, BackendLoad.of(0, 1, 0.1));
        Lease lease = signals.start(ENDPOINT);

        signals.recordScrapeFailure(ENDPOINT);

        assertThat(signals.snapshot(ENDPOINT)).isEqualTo(LoadSnapshot.local(ENDPOINT, LocalLoad.inFlight(1)));
        lease.complete(Lease.Outcome.IGNORED);
    }

    @Test
    void endpointsThatLeftEveryPoolAreForgotten() {
        signals.start("a:1");
        signals.recordScrape("b:1", BackendLoad.of(0, 0, 0));

        signals.retainOnly(List.of("b:1"));

        assertThat(signals.snapshots()).containsOnlyKeys("b:1");
    }
}
