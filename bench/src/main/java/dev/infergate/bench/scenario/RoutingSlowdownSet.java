package dev.infergate.bench.scenario;

import dev.infergate.bench.BenchOptions;
import dev.infergate.bench.contender.Fleet;
import dev.infergate.bench.contender.RoutingContenders;
import dev.infergate.bench.contender.RoutingTarget;
import dev.infergate.bench.report.BarChart;
import dev.infergate.bench.report.MarkdownTable;
import dev.infergate.bench.report.Numbers;
import dev.infergate.bench.routing.FleetCapacity;
import dev.infergate.bench.routing.ResultRow;
import dev.infergate.bench.routing.ShareWindows;
import dev.infergate.sim.model.FleetDefinition;
import dev.infergate.sim.model.ServerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One server slows down mid-run: every contender gets the workload without shared prefixes at one
 * load (70 % of the fleet's capacity by default), and halfway through the measured part the speed
 * of {@code sim-0} (a full-speed server, a third of the fleet's capacity) is halved through the
 * simulator's speed switch, without any error injected. The servers' request counters are read
 * every second; the table shows {@code sim-0}'s share of the requests before the switch, in
 * five-second windows after it and settled (the last half of the time after it), how many seconds it
 * took to fall halfway to the settled share ({@link ShareWindows#reactionSeconds}), and the errors.
 * Speeds are restored before the next contender.
 */
public final class RoutingSlowdownSet implements ScenarioSet {

    static final int DEGRADED = 0;
    static final double SLOWER_SPEED = 0.5;
    static final double REACTION_GOAL_SECONDS = 5;
    static final List<Integer> WINDOW_STARTS = List.of(-10, -5, 0, 5, 10, 15);

    /** One contender's run. */
    record Run(ResultRow row, List<ShareWindows.Window> windows, double switchAt) {
    }

    @Override
    public SetOutcome run(BenchRun run) {
        BenchOptions options = run.options();
        RoutingRig rig = RoutingRig.start(run, RoutingWorkloads.independent(options.seed()));
        rig.warmUp(Duration.ofSeconds(15));
        int load = options.loads().get(0);
        double warmUp = options.warmUp().toMillis() / 1000.0;
        double length = options.duration().toMillis() / 1000.0;
        double switchAt = Math.round(warmUp + length / 2);
        Map<String, Run> runs = new LinkedHashMap<>();
        for (RoutingTarget target : rig.targets()) {
            Progress.say(load + " % load, " + target.name() + ", sim-0 to half speed " + (switchAt - warmUp) + " s into the measurement");
            List<ShareWindows.Reading> readings = new CopyOnWriteArrayList<>();
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "routing-slowdown-timer");
                thread.setDaemon(true);
                return thread;
            });
            try {
                ResultRow row = rig.measure(target, rig.rate(load), options.warmUp(), options.duration(), () -> {
                    long start = System.nanoTime();
                    timer.scheduleAtFixedRate(() -> {
                        // A failed reading only widens one window; an exception would end the timer's readings.
                        try {
                            readings.add(read(rig.fleet(), start));
                        } catch (RuntimeException e) {
                            Progress.say("reading the fleet's counters failed: " + e.getMessage());
                        }
                    }, 0, 1, TimeUnit.SECONDS);
                    timer.schedule(() -> rig.fleet().setSpeed(DEGRADED, SLOWER_SPEED), Math.round(switchAt * 1000),
                            TimeUnit.MILLISECONDS);
                });
                timer.shutdownNow();
                timer.awaitTermination(10, TimeUnit.SECONDS);
                List<ShareWindows.Window> windows = ShareWindows.of(readings, 1).stream()
                        .filter(window -> window.from() >= warmUp - 0.5 && window.to() <= warmUp + length + 0.5).toList();
                runs.put(target.name(), new Run(row, windows, switchAt));
                Progress.say(target.name() + ": sim-0 share before " + percent(ShareWindows.share(windows, DEGRADED, 0, switchAt))
                        + ", settled " + percent(settled(windows, switchAt)) + ", reaction "
                        + Numbers.format(ShareWindows.reactionSeconds(windows, DEGRADED, switchAt)) + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } finally {
                timer.shutdownNow();
            }
        }
        rig.fleet().restore();
        return outcome(run, rig, load, runs);
    }

    private static ShareWindows.Reading read(Fleet fleet, long start) {
        List<Fleet.Stats> stats = fleet.stats();
        long[] received = stats.stream().mapToLong(Fleet.Stats::received).toArray();
        return new ShareWindows.Reading((System.nanoTime() - start) / 1e9, received);
    }

    static double settled(List<ShareWindows.Window> windows, double switchAt) {
        return settled(windows, DEGRADED, switchAt);
    }

    /** A server's share over the last half of the time after the switch. */
    static double settled(List<ShareWindows.Window> windows, int server, double switchAt) {
        double last = windows.isEmpty() ? switchAt : windows.get(windows.size() - 1).to();
        return ShareWindows.share(windows, server, switchAt + (last - switchAt) / 2, Double.POSITIVE_INFINITY);
    }

    private static String[] everyServerHeader(List<String> servers) {
        List<String> header = new ArrayList<>(List.of("contender"));
        servers.forEach(server -> header.add(server + (servers.indexOf(server) == DEGRADED ? " (slowed)" : "")));
        return header.toArray(String[]::new);
    }

    /** The fleet's capacity under the workload with sim-0 at its lower speed. */
    static FleetCapacity.Estimate degraded(RoutingRig rig) {
        FleetDefinition fleet = FleetDefinition.defaultFleet();
        List<ServerSpec> servers = new ArrayList<>(fleet.servers());
        ServerSpec slowed = servers.get(DEGRADED);
        servers.set(DEGRADED, slowed.toBuilder().speed(slowed.speed() * SLOWER_SPEED).build());
        return FleetCapacity.of(new FleetDefinition(servers), rig.workload(), FleetCapacity.BACKLOG);
    }

    private static double fairShare(FleetCapacity.Estimate capacity) {
        return capacity.perServer().get(DEGRADED) / capacity.total();
    }

    private static String percent(double share) {
        return Numbers.format(share * 100) + " %";
    }

    private static SetOutcome outcome(BenchRun run, RoutingRig rig, int load, Map<String, Run> runs) {
        BenchOptions options = run.options();
        List<String> header = new ArrayList<>(List.of("contender", "balancing", "samples", "errors", "TTFT p99 ms",
                "sim-0 share before"));
        WINDOW_STARTS.stream().filter(start -> start >= 0).forEach(start -> header.add(start + "…" + (start + 5) + " s after"));
        header.addAll(List.of("settled", "reaction s"));
        MarkdownTable table = new MarkdownTable(header.toArray(String[]::new));
        List<String> names = new ArrayList<>();
        List<List<Double>> values = new ArrayList<>();
        for (Run each : runs.values()) {
            ResultRow row = each.row();
            List<String> cells = new ArrayList<>(List.of(row.contender(), row.balancing(), Long.toString(row.report().sent()),
                    Long.toString(row.report().failed()), Numbers.format(row.report().ttft().p99() / 1000),
                    percent(ShareWindows.share(each.windows(), DEGRADED, 0, each.switchAt()))));
            WINDOW_STARTS.stream().filter(start -> start >= 0).forEach(start -> cells.add(percent(
                    ShareWindows.share(each.windows(), DEGRADED, each.switchAt() + start, each.switchAt() + start + 5))));
            cells.add(percent(settled(each.windows(), each.switchAt())));
            cells.add(Numbers.format(ShareWindows.reactionSeconds(each.windows(), DEGRADED, each.switchAt())));
            table.row(cells.toArray(String[]::new));
            names.add(row.contender());
            values.add(List.of(ShareWindows.share(each.windows(), DEGRADED, 0, each.switchAt()) * 100,
                    settled(each.windows(), each.switchAt()) * 100));
        }
        MarkdownTable everyServer = new MarkdownTable(everyServerHeader(rig.fleet().names()));
        for (Run each : runs.values()) {
            List<String> cells = new ArrayList<>(List.of(each.row().contender()));
            for (int server = 0; server < rig.fleet().names().size(); server++) {
                cells.add(percent(ShareWindows.share(each.windows(), server, 0, each.switchAt())) + " → "
                        + percent(settled(each.windows(), server, each.switchAt())));
            }
            everyServer.row(cells.toArray(String[]::new));
        }
        Run ours = runs.get(RoutingContenders.INFERGATE_CAPACITY);
        double reaction = ours == null ? Double.NaN : ShareWindows.reactionSeconds(ours.windows(), DEGRADED, ours.switchAt());
        double errors = ours == null ? Double.NaN : ours.row().report().failed();
        double errorsAll = runs.values().stream().mapToLong(each -> each.row().report().failed()).sum();
        List<Goal> goals = List.of(
                Goal.of("`capacity`: sim-0's share falls within " + Numbers.format(REACTION_GOAL_SECONDS) + " s of the slowdown",
                        reaction, REACTION_GOAL_SECONDS, true, Double.isNaN(reaction) && ours != null ? "did not fall"
                                : Numbers.format(reaction) + " s"),
                Goal.of("`capacity`: no error", errors, 0, true, Numbers.format(errors) + " errors (all contenders: "
                        + Numbers.format(errorsAll) + ")"));
        String markdown = rig.header(load + " % of the capacity; each run "
                        + options.warmUp().toSeconds() + " s of unrecorded warm-up then " + options.duration().toSeconds()
                        + " s measured; sim-0's speed halved (1 → 0.5, the simulator's speed switch, no errors injected) "
                        + Numbers.format(runs.values().stream().findFirst().map(Run::switchAt).orElse(0.0) - options.warmUp().toSeconds())
                        + " s into the measured part; the servers' request counters (`/sim/stats`) read every second")
                + "\n#### sim-0's share of requests, before and after its slowdown\n\n" + table.render()
                + "\nEvery server's share, before the slowdown → settled after it:\n\n" + everyServer.render()
                + "\nA share is sim-0's fraction of the requests the fleet received in that time. \"settled\" is the last half of"
                + " the time after the slowdown; \"reaction\" the seconds until a one-second window's share was halfway from"
                + " before to settled (– when the settled share is not at least a tenth below the share before). Its share of the fleet's capacity, by the simulator's model, is "
                + percent(fairShare(rig.capacity())) + " before and " + percent(fairShare(degraded(rig))) + " after the slowdown.\n"
                + "\n#### Goals\n\n" + Goal.table(goals)
                + "\n![sim-0 share](benchmarks/routing-slowdown-share.png)\n";
        return new SetOutcome(BenchOptions.ROUTING_SLOWDOWN, true, markdown, List.of(new SetOutcome.Chart(
                "routing-slowdown-share.png", new BarChart("sim-0's share of requests before and after its speed is halved",
                        "%", List.of("before", "settled after"), names, values))));
    }
}
