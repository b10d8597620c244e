package dev.infergate.bench.routing;

import dev.infergate.bench.load.ChatStreamReport;
import dev.infergate.bench.report.MarkdownTable;
import dev.infergate.bench.report.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The table of one scenario at one load: latency percentiles, throughput and errors per contender,
 * and for each of Infergate's rows its TTFT p99, TPOT p99 and end-to-end p99 divided by the best
 * peer's (the lowest among nginx and HAProxy rows, so a ratio below 1 means Infergate did better
 * than every peer). Latencies are in milliseconds, the end-to-end p99 in seconds.
 */
public final class ResultsTable {

    public static final ToDoubleFunction<ChatStreamReport> TTFT_P99 = report -> report.ttft().p99();
    public static final ToDoubleFunction<ChatStreamReport> TPOT_P99 = report -> report.tpot().p99();
    public static final ToDoubleFunction<ChatStreamReport> E2E_P99 = report -> report.e2e().p99();

    private ResultsTable() {
    }

    /** The lowest value of a figure among the peers' rows; NaN when no peer has it. */
    public static double bestPeer(List<ResultRow> rows, ToDoubleFunction<ChatStreamReport> figure) {
        return rows.stream().filter(row -> !row.ours()).mapToDouble(row -> figure.applyAsDouble(row.report()))
                .filter(value -> !Double.isNaN(value)).min().orElse(Double.NaN);
    }

    /** A row's figure divided by the best peer's; NaN when either is missing. */
    public static double ratioToBestPeer(List<ResultRow> rows, String contender, ToDoubleFunction<ChatStreamReport> figure) {
        double best = bestPeer(rows, figure);
        return rows.stream().filter(row -> row.contender().equals(contender)).findFirst()
                .map(row -> figure.applyAsDouble(row.report()) / best).orElse(Double.NaN);
    }

    public static String render(List<ResultRow> rows, boolean withPrefixHits) {
        List<String> header = new ArrayList<>(List.of("contender", "balancing", "samples", "TTFT p50 ms",
                "TTFT p90 ms", "TTFT p99 ms", "TPOT p99 ms", "e2e p99 s", "normalized p99 ms/token", "throughput req/s",
                "tokens/s", "errors"));
        if (withPrefixHits) {
            header.add("prefix-cache hits");
        }
        header.addAll(List.of("TTFT p99 ÷ best peer", "TPOT p99 ÷ best peer", "e2e p99 ÷ best peer"));
        MarkdownTable table = new MarkdownTable(header.toArray(String[]::new));
        for (ResultRow row : rows) {
            ChatStreamReport report = row.report();
            List<String> cells = new ArrayList<>(List.of(row.contender(), row.balancing(),
                    Long.toString(report.ttft().count()), millis(report.ttft().p50()), millis(report.ttft().p90()),
                    millis(report.ttft().p99()), millis(report.tpot().p99()), Numbers.format(report.e2e().p99() / 1e6),
                    millis(report.normalized().p99()), Numbers.format(report.completedPerSecond()),
                    Numbers.format(report.tokensPerSecond()), Long.toString(report.failed())));
            if (withPrefixHits) {
                cells.add(Double.isNaN(row.prefixHitRate()) ? "–" : Numbers.format(row.prefixHitRate() * 100) + " %");
            }
            for (ToDoubleFunction<ChatStreamReport> figure : List.of(TTFT_P99, TPOT_P99, E2E_P99)) {
                cells.add(row.ours() ? ratio(ratioToBestPeer(rows, row.contender(), figure)) : "–");
            }
            table.row(cells.toArray(String[]::new));
        }
        return table.render();
    }

    private static String millis(double micros) {
        return Numbers.format(micros / 1000);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "–" : Numbers.format(value) + "×";
    }
}
