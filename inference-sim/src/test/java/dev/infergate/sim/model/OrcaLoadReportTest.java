package dev.infergate.sim.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class OrcaLoadReportTest {

    @Test
    void aBusyServerReportsBatchOccupancyQueueRunningAndKvCache() {
        Snapshot snapshot = snapshot(12, 3, 20_316, 65_536);

        assertThat(OrcaLoadReport.text(snapshot)).isEqualTo(
                "TEXT cpu_utilization=0.375, named_metrics.queue=3, named_metrics.running=12, named_metrics.kv_cache=0.31");
    }

    @Test
    void anIdleServerReportsZeros() {
        assertThat(OrcaLoadReport.text(snapshot(0, 0, 0, 65_536))).isEqualTo(
                "TEXT cpu_utilization=0, named_metrics.queue=0, named_metrics.running=0, named_metrics.kv_cache=0");
    }

    @Test
    void fractionsAreRoundedHalfUpToFourDecimals() {
        assertThat(OrcaLoadReport.text(snapshot(32, 40, 12_345, 65_536))).isEqualTo(
                "TEXT cpu_utilization=1, named_metrics.queue=40, named_metrics.running=32, named_metrics.kv_cache=0.1884");
    }

    private static Snapshot snapshot(int running, int waiting, long kvUsed, long kvCapacity) {
        return new Snapshot(0, running, waiting, 32, kvUsed, kvCapacity, 0, 0, 0, 0, 0, 0,
                LatencyHistogram.vllmTimeToFirstToken());
    }
}
