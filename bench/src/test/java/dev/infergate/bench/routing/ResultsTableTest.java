package dev.infergate.bench.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.infergate.bench.load.ChatStreamReport;
import dev.infergate.bench.load.LatencySummary;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ResultsTableTest {

    private static final List<ResultRow> ROWS = List.of(
            row("infergate-capacity", true, 100_000, 10_000),
            row("nginx-least-conn", false, 400_000, 20_000),
            row("haproxy-leastconn", false, 250_000, 25_000));

    @Test
    void theBestPeerIsTheLowestAmongNginxAndHaproxyRows() {
        assertThat(ResultsTable.bestPeer(ROWS, ResultsTable.TTFT_P99)).isEqualTo(250_000);
        assertThat(ResultsTable.bestPeer(ROWS, ResultsTable.TPOT_P99)).isEqualTo(20_000);
    }

    @Test
    void infergatesRatioIsItsFigureOverTheBestPeers() {
        assertThat(ResultsTable.ratioToBestPeer(ROWS, "infergate-capacity", ResultsTable.TTFT_P99)).isCloseTo(0.4, within(1e-12));
        assertThat(ResultsTable.ratioToBestPeer(ROWS, "infergate-capacity", ResultsTable.TPOT_P99)).isCloseTo(0.5, within(1e-12));
        assertThat(ResultsTable.ratioToBestPeer(ROWS, "nobody", ResultsTable.TTFT_P99)).isNaN();
    }

    @Test
    void onlyInfergatesRowsCarryRatiosAndLatenciesAreInMilliseconds() {
        String table = ResultsTable.render(ROWS, true);

        assertThat(table).contains("| infergate-capacity | capacity | 500 | 50.0 | 90.0 | 100 | 10.0 | 1.60 | 20.0 | 30.0 | 3 000 | 0 | 40.0 % | 0.40× | 0.50× | 0.80× |");
        assertThat(table).contains("| nginx-least-conn | capacity | 500 | 50.0 | 90.0 | 400 | 20.0 | 2.00 | 20.0 | 30.0 | 3 000 | 0 | 40.0 % | – | – | – |");
        assertThat(ResultsTable.render(ROWS, false)).doesNotContain("prefix-cache hits").doesNotContain("40.0 %");
    }

    private static ResultRow row(String name, boolean ours, double ttftP99Micros, double tpotP99Micros) {
        LatencySummary ttft = new LatencySummary(500, 50_000, 90_000, ttftP99Micros, ttftP99Micros, ttftP99Micros);
        LatencySummary tpot = new LatencySummary(500, 5_000, 8_000, tpotP99Micros, tpotP99Micros, tpotP99Micros);
        // end to end p99: 2 s for peers, 1.6 s for Infergate; normalized p99 20 ms per token
        double e2e = ours ? 1_600_000 : 2_000_000;
        LatencySummary endToEnd = new LatencySummary(500, 1_000_000, 1_500_000, e2e, e2e, e2e);
        LatencySummary normalized = new LatencySummary(500, 10_000, 15_000, 20_000, 20_000, 20_000);
        return new ResultRow(name, ours, "capacity", new ChatStreamReport(30, 500, 500, 0, ttft, tpot, endToEnd, normalized,
                30, 3000, 100, null), 0.4);
    }
}
