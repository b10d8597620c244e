package dev.infergate.bench.scenario;

import dev.infergate.bench.BenchOptions;
import dev.infergate.bench.contender.RoutingContenders;
import dev.infergate.bench.contender.RoutingTarget;
import dev.infergate.bench.report.BarChart;
import dev.infergate.bench.report.MarkdownTable;
import dev.infergate.bench.report.Numbers;
import dev.infergate.bench.routing.GoodputSearch;
import dev.infergate.bench.routing.ResultRow;
import dev.infergate.bench.routing.ResultsTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Routing quality with shared system prompts: every contender at one load (80 % of the fleet's
 * capacity without prefix locality, by default), then each contender's goodput, the highest offered
 * rate whose TTFT p99 stays under {@value #TTFT_BOUND_MILLIS} ms without errors, found by bisection
 * over 40 %, 50 %, … 200 % of that capacity ({@link GoodputSearch}; the load's own measurement is
 * its first point). The sweep alternates contenders at every step, and its runs are shorter:
 * two thirds of the warm-up and of the measurement.
 */
public final class RoutingPrefixSet implements ScenarioSet {

    static final double TTFT_BOUND_MILLIS = 2000;
    static final List<Integer> SWEEP_PERCENT = List.of(40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170,
            180, 190, 200);

    @Override
    public SetOutcome run(BenchRun run) {
        BenchOptions options = run.options();
        RoutingRig rig = RoutingRig.start(run, RoutingWorkloads.sharedPrefixes(options.seed()));
        rig.warmUp(options.duration());
        int load = options.loads().get(0);
        Map<Integer, List<ResultRow>> rows = new LinkedHashMap<>();
        for (int round = 1; round <= options.rounds(); round++) {
            for (RoutingTarget target : rig.targets()) {
                Progress.say("round " + round + ", " + load + " % load, " + target.name());
                rows.computeIfAbsent(load, l -> new ArrayList<>())
                        .add(rig.measure(target, rig.rate(load), options.warmUp(), options.duration()));
            }
        }
        List<ResultRow> atLoad = RoutingRounds.medians(rows, rig.targets()).get(load);

        List<Double> rates = SWEEP_PERCENT.stream().map(percent -> rig.rate(percent)).toList();
        Map<String, GoodputSearch> searches = new LinkedHashMap<>();
        Map<String, List<String>> probes = new LinkedHashMap<>();
        for (ResultRow row : atLoad) {
            GoodputSearch search = new GoodputSearch(rates);
            searches.put(row.contender(), search);
            probes.put(row.contender(), new ArrayList<>());
            if (SWEEP_PERCENT.contains(load)) {
                search.record(rig.rate(load), sustained(row));
                probes.get(row.contender()).add(probe(load, row));
            }
        }
        Duration sweepWarmUp = Duration.ofMillis(options.warmUp().toMillis() * 2 / 3);
        Duration sweepLength = Duration.ofMillis(options.duration().toMillis() * 2 / 3);
        for (int step = 1; searches.values().stream().anyMatch(search -> search.next().isPresent()); step++) {
            for (RoutingTarget target : rig.targets()) {
                GoodputSearch search = searches.get(target.name());
                OptionalDouble next = search.next();
                if (next.isEmpty()) {
                    continue;
                }
                int percent = SWEEP_PERCENT.get(rates.indexOf(next.getAsDouble()));
                Progress.say("goodput sweep step " + step + ", " + target.name() + " at " + percent + " %");
                ResultRow row = rig.measure(target, next.getAsDouble(), sweepWarmUp, sweepLength);
                search.record(next.getAsDouble(), sustained(row));
                probes.get(target.name()).add(probe(percent, row));
            }
        }
        return outcome(run, rig, load, atLoad, searches, probes, sweepWarmUp, sweepLength);
    }

    static boolean sustained(ResultRow row) {
        return row.report().failed() == 0 && row.report().ttft().count() > 0
                && row.report().ttft().p99() / 1000 <= TTFT_BOUND_MILLIS;
    }

    private static String probe(int percent, ResultRow row) {
        return percent + " %: " + Numbers.format(row.report().ttft().p99() / 1000) + " ms"
                + (row.report().failed() == 0 ? "" : ", " + row.report().failed() + " errors");
    }

    private static SetOutcome outcome(BenchRun run, RoutingRig rig, int load, List<ResultRow> atLoad,
            Map<String, GoodputSearch> searches, Map<String, List<String>> probes, Duration sweepWarmUp, Duration sweepLength) {
        BenchOptions options = run.options();
        StringBuilder markdown = new StringBuilder(rig.header(load
                + " % of the capacity for the table, each run " + options.warmUp().toSeconds() + " s of unrecorded warm-up then "
                + options.duration().toSeconds() + " s measured; goodput sweep runs " + sweepWarmUp.toMillis() / 1000.0
                + " s + " + sweepLength.toMillis() / 1000.0 + " s; prefix-cache hits are the fleet's hit ÷ queried prompt "
                + "tokens over the whole run"));
        markdown.append("\n#### ").append(load).append(" % of capacity without prefix locality (")
                .append(Numbers.format(rig.rate(load))).append(" req/s offered)\n\n")
                .append(ResultsTable.render(atLoad, true));

        double bestPeerGoodput = searches.entrySet().stream()
                .filter(entry -> !atLoad.stream().filter(row -> row.contender().equals(entry.getKey())).findFirst().orElseThrow().ours())
                .mapToDouble(entry -> entry.getValue().goodput()).max().orElse(Double.NaN);
        MarkdownTable goodput = new MarkdownTable("contender", "goodput req/s", "× capacity", "÷ best peer",
                "probes (offered % of capacity: TTFT p99)");
        List<String> names = new ArrayList<>();
        List<List<Double>> values = new ArrayList<>();
        for (ResultRow row : atLoad) {
            GoodputSearch search = searches.get(row.contender());
            String value = Numbers.format(search.goodput()) + (search.atCeiling() ? " (or more)" : "");
            goodput.row(row.contender(), value, Numbers.format(search.goodput() / rig.capacity().total()) + "×",
                    row.ours() ? Numbers.ratio(search.goodput(), bestPeerGoodput) : "–", String.join("; ", probes.get(row.contender())));
            names.add(row.contender());
            values.add(List.of(search.goodput()));
        }
        markdown.append("\n#### Goodput (highest offered rate with TTFT p99 ≤ ").append(Numbers.format(TTFT_BOUND_MILLIS / 1000))
                .append(" s and no error)\n\n").append(goodput.render());

        double ttft = ResultsTable.ratioToBestPeer(atLoad, RoutingContenders.INFERGATE_PREFIX_AFFINITY, ResultsTable.TTFT_P99);
        GoodputSearch ours = searches.get(RoutingContenders.INFERGATE_PREFIX_AFFINITY);
        double goodputRatio = ours == null || !(bestPeerGoodput > 0) ? Double.NaN : ours.goodput() / bestPeerGoodput;
        List<Goal> goals = List.of(
                Goal.of("at " + load + " %: `prefix-affinity` TTFT p99 ≤ 0.5× the best peer", ttft, 0.5, true,
                        Numbers.format(ttft) + "×"),
                Goal.of("`prefix-affinity` goodput ≥ 1.3× the best peer's", goodputRatio, 1.3, false,
                        Numbers.format(goodputRatio) + "×"));
        markdown.append("\n#### Goals\n\n").append(Goal.table(goals))
                .append("\n![TTFT with shared prefixes](benchmarks/routing-prefix-ttft.png)\n")
                .append("![goodput](benchmarks/routing-prefix-goodput.png)\n");
        return new SetOutcome(BenchOptions.ROUTING_PREFIX, true, markdown.toString(), List.of(
                new SetOutcome.Chart("routing-prefix-ttft.png", new BarChart("TTFT with shared prefixes at " + load
                        + " % of capacity", "ms", List.of("p50", "p99"), names, atLoad.stream()
                        .map(row -> List.of(row.report().ttft().p50() / 1000, row.report().ttft().p99() / 1000)).toList())),
                new SetOutcome.Chart("routing-prefix-goodput.png", new BarChart("Goodput: highest rate with TTFT p99 ≤ 2 s",
                        "req/s", List.of("goodput"), names, values))));
    }
}
