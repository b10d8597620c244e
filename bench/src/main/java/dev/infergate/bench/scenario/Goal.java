package dev.infergate.bench.scenario;

import dev.infergate.bench.report.MarkdownTable;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One of the goals the numbers are held against, with what was measured.
 *
 * @param goal the goal as stated in {@code docs/benchmarks.md}
 * @param measured the measured figure, readable on its own
 * @param met whether the figure meets the goal; null when it was not measured
 */
record Goal(String goal, String measured, @Nullable Boolean met) {

    static Goal of(String goal, double value, double limit, boolean atMost, String measured) {
        if (Double.isNaN(value)) {
            return new Goal(goal, "not measured", null);
        }
        return new Goal(goal, measured, atMost ? value <= limit : value >= limit);
    }

    static String table(List<Goal> goals) {
        MarkdownTable table = new MarkdownTable("goal", "measured", "verdict");
        goals.forEach(goal -> table.row(goal.goal(), goal.measured(),
                goal.met() == null ? "not measured" : goal.met() ? "met" : "**missed**"));
        return table.render();
    }
}
