package dev.infergate.bench.scenario;

import dev.infergate.bench.report.BarChart;
import dev.infergate.bench.report.BenchmarksDoc;
import java.nio.file.Path;
import java.util.List;

/**
 * What a scenario set produced.
 *
 * @param set the set's name, which names its block in {@code docs/benchmarks.md}
 * @param passed false when a contender failed (the smoke set's verdict)
 * @param markdown the results block: header, tables, links to the plots
 * @param charts the plots, each written to {@code docs/benchmarks/<file>}
 */
public record SetOutcome(String set, boolean passed, String markdown, List<Chart> charts) {

    /**
     * @param file the PNG's file name under {@code docs/benchmarks/}
     * @param chart what it shows
     */
    public record Chart(String file, BarChart chart) {
    }

    /** Writes the plots and replaces the set's block of {@code docs/benchmarks.md}. */
    public void write(Path root) {
        charts.forEach(chart -> chart.chart().writePng(root.resolve("docs/benchmarks").resolve(chart.file())));
        BenchmarksDoc.writeSection(root.resolve("docs/benchmarks.md"), set, markdown);
    }
}
