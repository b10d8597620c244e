package dev.infergate.bench.scenario;

import dev.infergate.bench.BenchOptions;
import dev.infergate.bench.contender.Fleet;
import dev.infergate.bench.contender.JvmFlags;
import dev.infergate.bench.contender.RoutingTarget;
import dev.infergate.bench.load.ArrivalSchedule;
import dev.infergate.bench.load.ChatStreamLoad;
import dev.infergate.bench.load.ChatStreamReport;
import dev.infergate.bench.process.Quiet;
import dev.infergate.bench.report.Numbers;
import dev.infergate.bench.routing.ChatPrompt;
import dev.infergate.bench.routing.FleetCapacity;
import dev.infergate.bench.routing.ResultRow;
import dev.infergate.bench.routing.Workload;
import dev.infergate.sim.model.FleetDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the routing-quality sets share: the simulated fleet, the contenders in front of it, the
 * fleet's capacity under the set's workload, and one measurement: drain the fleet (no request in
 * flight on any server, so one contender's queue never delays the next one's requests), wait until
 * the fleet and the contender are idle, then run the open-loop generator of streaming chat
 * completions with the set's seed, so every contender gets the same requests at the same offsets.
 */
final class RoutingRig {

    static final String MODEL = "llama-3-8b-instruct";
    static final String PATH = "/v1/chat/completions";
    static final Duration DRAIN = Duration.ofSeconds(60);

    private final BenchRun run;
    private final Fleet fleet;
    private final List<RoutingTarget> targets;
    private final JvmFlags flags;
    private final Workload workload;
    private final FleetCapacity.Estimate capacity;
    /** A new salt per run, so no run finds an earlier run's prompts in the prefix caches. */
    private long runs;

    private RoutingRig(BenchRun run, Fleet fleet, List<RoutingTarget> targets, JvmFlags flags, Workload workload,
            FleetCapacity.Estimate capacity) {
        this.run = run;
        this.fleet = fleet;
        this.targets = targets;
        this.flags = flags;
        this.workload = workload;
        this.capacity = capacity;
    }

    static RoutingRig start(BenchRun run, Workload workload) {
        BenchOptions options = run.options();
        FleetCapacity.Estimate capacity = FleetCapacity.of(FleetDefinition.defaultFleet(), workload, FleetCapacity.BACKLOG);
        Progress.say("fleet capacity under this workload: " + describe(capacity));
        Fleet fleet = run.startFleet();
        JvmFlags flags = JvmFlags.of(options.nativeTransport(), false);
        List<RoutingTarget> targets = run.startRouting(options.contenders(), fleet, flags);
        return new RoutingRig(run, fleet, targets, flags, workload, capacity);
    }

    static String describe(FleetCapacity.Estimate capacity) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < capacity.names().size(); i++) {
            parts.add(capacity.names().get(i) + " " + Numbers.format(capacity.perServer().get(i)));
        }
        return Numbers.format(capacity.total()) + " req/s (" + String.join(", ", parts) + ")";
    }

    Fleet fleet() {
        return fleet;
    }

    List<RoutingTarget> targets() {
        return targets;
    }

    JvmFlags flags() {
        return flags;
    }

    Workload workload() {
        return workload;
    }

    FleetCapacity.Estimate capacity() {
        return capacity;
    }

    /** The offered rate at {@code percent} of the fleet's capacity. */
    double rate(double percent) {
        return capacity.total() * percent / 100;
    }

    /**
     * Loads the gateway (and the generator's own code) once before the rounds, unrecorded, so that
     * neither is measured while its JIT compiles: Infergate's first row would otherwise pay for it.
     */
    void warmUp(Duration length) {
        for (RoutingTarget target : targets) {
            if (target.ours()) {
                Progress.say("warming up Infergate and the generator for " + length.toSeconds() + " s");
                prepare(target);
                load(target, rate(50), Duration.ZERO, length, 1_000_000);
                return;
            }
        }
    }

    ResultRow measure(RoutingTarget target, double rate, Duration warmUp, Duration length) {
        return measure(target, rate, warmUp, length, () -> { });
    }

    /** A measurement; {@code atStart} runs once the fleet is drained and idle, right before the first request is built. */
    ResultRow measure(RoutingTarget target, double rate, Duration warmUp, Duration length, Runnable atStart) {
        prepare(target);
        List<Fleet.PrefixCache> before = fleet.prefixCaches();
        atStart.run();
        ChatStreamReport report = load(target, rate, warmUp, length, 0);
        List<Fleet.PrefixCache> after = fleet.prefixCaches();
        double queries = 0;
        double hits = 0;
        for (int i = 0; i < before.size(); i++) {
            queries += after.get(i).queries() - before.get(i).queries();
            hits += after.get(i).hits() - before.get(i).hits();
        }
        Progress.say(target.name() + " at " + Numbers.format(rate) + " req/s: " + report.ok() + "/" + report.sent()
                + " complete, TTFT p50 " + Numbers.format(report.ttft().p50() / 1000) + " ms, p99 "
                + Numbers.format(report.ttft().p99() / 1000) + " ms, TPOT p99 " + Numbers.format(report.tpot().p99() / 1000)
                + " ms, prefix hits " + Numbers.format(queries == 0 ? Double.NaN : hits / queries * 100) + " %"
                + (report.firstFailure() == null ? "" : " (first failure: " + report.firstFailure() + ")"));
        return new ResultRow(target.name(), target.ours(), target.balancing(), report, queries == 0 ? Double.NaN : hits / queries);
    }

    /**
     * Requests are numbered from {@code firstRequest}, so a warm-up uses other shapes than the runs;
     * each run has its own salt, so its texts are new to the prefix caches.
     */
    private ChatStreamReport load(RoutingTarget target, double rate, Duration warmUp, Duration length, long firstRequest) {
        long salt = ++runs;
        return ChatStreamLoad.run(new ChatStreamLoad.Settings(target.base(), PATH, target.headers(),
                ArrivalSchedule.poisson(rate, run.options().seed()), index -> {
                    ChatPrompt prompt = workload.request(firstRequest + index, salt);
                    return new ChatStreamLoad.Request(prompt.body(MODEL), prompt.maxTokens());
                }, warmUp, length, DRAIN));
    }

    /** Restores every server's speed, drains the fleet and waits until it and the contender are idle. */
    void prepare(RoutingTarget target) {
        fleet.restore();
        if (!fleet.awaitDrained(Duration.ofSeconds(120))) {
            Progress.say("the fleet still has requests in flight after 120 s; measuring anyway");
        }
        if (!Quiet.await(List.of(fleet.process().handle(), target.process()), Duration.ofSeconds(15))) {
            Progress.say("the fleet or " + target.name() + " is still busy after 15 s; measuring anyway");
        }
        double[] load = loadAverages();
        // A routing run alone keeps the load average near 3 to 4 on two cores (generator, fleet, gateway threads).
        if (load.length > 0 && load[0] > 2 * Runtime.getRuntime().availableProcessors() + 2) {
            Progress.say("the machine is busy with other work (load average " + loadAverage() + "); this run measures it too");
        }
    }

    /** The lines above a results block's tables: when, the command, what ran and how, the machine. */
    String header(String load) {
        return ReportHeader.render(run, flags, method(load) + "; the machine's load average (1, 5, 15 min) when the results "
                + "were written: " + loadAverage(),
                "each row is the round with the median TTFT p99, whole, so that its figures stay consistent with each other");
    }

    /** Other work on the machine shows here: two cores busy with it give a load average near 2 or more. */
    private static String loadAverage() {
        double[] load = loadAverages();
        return load.length == 0 ? "unknown" : load[0] + ", " + load[1] + ", " + load[2];
    }

    /** The 1, 5 and 15 minute load averages; empty when {@code /proc/loadavg} cannot be read. */
    private static double[] loadAverages() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2])};
        } catch (IOException | RuntimeException e) {
            return new double[0];
        }
    }

    /** The lines under a results block's header that say what ran. */
    String method(String load) {
        return "simulated fleet `" + fleet.configurationHash() + "` (the simulator's frozen default fleet: "
                + String.join(", ", fleet.names()) + ", speeds 1/1/0.6/0.4, KV 64k/64k/40k/24k tokens), one process on loopback; "
                + "open-loop Poisson arrivals (seed " + run.options().seed() + ") of streaming chat completions (`"
                + PATH + "`, `stream: true`, SSE read to `[DONE]`); workload: " + workload.describe() + "; " + load
                + "; fleet capacity under this workload, from the simulator's queueing model on virtual time (each server "
                + "given a backlog of " + FleetCapacity.BACKLOG + " of these requests, completions per second between the "
                + "20th and 80th percentile of completions, summed): " + describe(capacity)
                + "; every contender is sent requests of the same lengths (and system-prompt groups) at the same offsets, "
                + "with texts of its own so that no run finds an earlier run's prompts in the prefix caches; before every "
                + "measurement the fleet is drained (no request in flight) and idle; the fleet runs on the load generator's "
                + "core, so that the contenders' own CPU use does not slow the simulated servers down";
    }
}
