package dev.infergate.bench.scenario;

import dev.infergate.bench.BenchOptions;
import dev.infergate.bench.contender.RoutingContenders;
import dev.infergate.bench.contender.RoutingTarget;
import dev.infergate.bench.report.BarChart;
import dev.infergate.bench.report.Numbers;
import dev.infergate.bench.routing.ResultRow;
import dev.infergate.bench.routing.ResultsTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routing quality without shared prefixes: every contender in front of the same simulated fleet at
 * each offered load (by default 60, 80 and 95 % of the fleet's capacity), contenders alternating
 * within each load and round. One table per load; the goals are read at 80 %.
 */
public final class RoutingLoadSet implements ScenarioSet {

    static final int GOAL_LOAD = 80;

    @Override
    public SetOutcome run(BenchRun run) {
        BenchOptions options = run.options();
        RoutingRig rig = RoutingRig.start(run, RoutingWorkloads.independent(options.seed()));
        rig.warmUp(options.duration());
        // rows by load, then one list per round
        Map<Integer, List<ResultRow>> rows = new LinkedHashMap<>();
        for (int round = 1; round <= options.rounds(); round++) {
            for (int load : options.loads()) {
                for (RoutingTarget target : rig.targets()) {
                    Progress.say("round " + round + ", " + load + " % load, " + target.name());
                    ResultRow row = rig.measure(target, rig.rate(load), options.warmUp(), options.duration());
                    rows.computeIfAbsent(load, l -> new ArrayList<>()).add(row);
                }
            }
        }
        return outcome(run, rig, RoutingRounds.medians(rows, rig.targets()));
    }

    private static SetOutcome outcome(BenchRun run, RoutingRig rig, Map<Integer, List<ResultRow>> rows) {
        BenchOptions options = run.options();
        StringBuilder markdown = new StringBuilder(rig.header("offered loads "
                + options.loads().stream().map(load -> load + " %").toList() + " of the capacity, each run "
                + options.warmUp().toSeconds() + " s of unrecorded warm-up then " + options.duration().toSeconds()
                + " s measured (samples per row in the tables)"));
        for (Map.Entry<Integer, List<ResultRow>> entry : rows.entrySet()) {
            markdown.append("\n#### ").append(entry.getKey()).append(" % of capacity (")
                    .append(Numbers.format(rig.rate(entry.getKey()))).append(" req/s offered)\n\n")
                    .append(ResultsTable.render(entry.getValue(), false));
        }
        List<ResultRow> atGoal = rows.get(GOAL_LOAD);
        double ttft = atGoal == null ? Double.NaN
                : ResultsTable.ratioToBestPeer(atGoal, RoutingContenders.INFERGATE_CAPACITY, ResultsTable.TTFT_P99);
        double tpot = atGoal == null ? Double.NaN
                : ResultsTable.ratioToBestPeer(atGoal, RoutingContenders.INFERGATE_CAPACITY, ResultsTable.TPOT_P99);
        List<Goal> goals = List.of(
                Goal.of("at 80 %: `capacity` TTFT p99 ≤ 0.5× the best peer", ttft, 0.5, true, Numbers.format(ttft) + "×"),
                Goal.of("at 80 %: `capacity` TPOT p99 ≤ 0.8× the best peer", tpot, 0.8, true, Numbers.format(tpot) + "×"));
        markdown.append("\n#### Goals\n\n").append(Goal.table(goals))
                .append("\n![TTFT p99 by load](benchmarks/routing-load-ttft.png)\n")
                .append("![TPOT p99 by load](benchmarks/routing-load-tpot.png)\n");
        List<String> names = rig.targets().stream().map(RoutingTarget::name).toList();
        List<String> series = rows.keySet().stream().map(load -> load + " %").toList();
        return new SetOutcome(BenchOptions.ROUTING_LOAD, true, markdown.toString(), List.of(
                new SetOutcome.Chart("routing-load-ttft.png", new BarChart("TTFT p99 by offered load (no shared prefixes)",
                        "ms", series, names, RoutingRounds.byContender(rows, names, row -> row.report().ttft().p99() / 1000))),
                new SetOutcome.Chart("routing-load-tpot.png", new BarChart("TPOT p99 by offered load (no shared prefixes)",
                        "ms", series, names, RoutingRounds.byContender(rows, names, row -> row.report().tpot().p99() / 1000)))));
    }
}
