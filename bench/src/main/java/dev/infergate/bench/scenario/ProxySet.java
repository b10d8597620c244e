package dev.infergate.bench.scenario;

import dev.infergate.bench.BenchOptions;
import dev.infergate.bench.contender.Backend;
import dev.infergate.bench.contender.Contenders;
import dev.infergate.bench.contender.JvmFlags;
import dev.infergate.bench.contender.Running;
import dev.infergate.bench.load.ArrivalSchedule;
import dev.infergate.bench.load.LoadReport;
import dev.infergate.bench.load.OpenLoopGenerator;
import dev.infergate.bench.process.ProcessMeter;
import dev.infergate.bench.report.BarChart;
import dev.infergate.bench.report.MarkdownTable;
import dev.infergate.bench.report.Numbers;
import dev.infergate.bench.tools.H2load;
import dev.infergate.bench.tools.ToolRun;
import dev.infergate.bench.tools.Wrk;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Proxy overhead on the 12-byte {@code /fixed} answer. Every contender runs at once behind the same
 * backend and is first warmed up with wrk and h2load until its CPU per request is steady
 * ({@link WarmUp}); in each round every contender is then measured in turn:
 *
 * <ol>
 *   <li>maximum throughput, HTTP/1.1 keep-alive: wrk, 64 connections; h2c: h2load, 16 connections
 *       × 10 streams. CPU per request is the proxy process's CPU time over the run divided by the
 *       requests completed; RSS is read at the end of the run;
 *   <li>then latency, open loop, at 50 % of the contender's median maximum (HTTP/1.1), and of
 *       {@code direct} at the same rate right after it, so that the added latency compares equal
 *       offered loads.
 * </ol>
 *
 * <p>The {@code limits} set runs the same measurements on Infergate with and without a rate limit
 * (in memory, in Redis) and adds what the limit costs over the same gateway without it.
 */
public final class ProxySet implements ScenarioSet {

    static final int HTTP1_CONNECTIONS = 64;
    static final int H2C_CONNECTIONS = 16;
    static final int H2C_STREAMS = 10;
    static final Duration LATENCY_WARM_UP = Duration.ofSeconds(2);
    static final Duration WARM_UP_RUN = Duration.ofSeconds(3);

    /** One closed-loop run. */
    record Throughput(double perSecond, double cpuMicrosPerRequest, long rssKiB, long errors) {
    }

    private final String set;

    /** @param set {@code proxy} or {@code limits}: the results block and plot names */
    public ProxySet(String set) {
        this.set = set;
    }

    @Override
    public SetOutcome run(BenchRun run) {
        BenchOptions options = run.options();
        Backend backend = run.startBackend(options.sseEvents(), options.sseIntervalMs());
        JvmFlags flags = JvmFlags.of(options.nativeTransport(), false);
        List<Running> contenders = run.start(Contenders.named(options.contenders()), backend, flags);
        for (Running contender : contenders) {
            WarmUp.untilSteady("HTTP/1.1", contender, options.warmUp(), () -> Wrk.run(run.pinning(), fixed(contender.http1()),
                    HTTP1_CONNECTIONS, WARM_UP_RUN).requests());
            WarmUp.untilSteady("h2c", contender, options.warmUp(), () -> H2load.timed(run.pinning(), fixed(contender.h2c()),
                    H2C_CONNECTIONS, H2C_STREAMS, WARM_UP_RUN).requests());
        }
        warmUpGenerator(backend);
        Map<String, List<Throughput>> http1 = new LinkedHashMap<>();
        Map<String, List<Throughput>> h2c = new LinkedHashMap<>();
        for (int round = 1; round <= options.rounds(); round++) {
            for (Running contender : contenders) {
                run.settle(backend, contenders);
                Throughput one = closedLoop(contender, () -> Wrk.run(run.pinning(), fixed(contender.http1()),
                        HTTP1_CONNECTIONS, options.duration()));
                run.settle(backend, contenders);
                Throughput two = closedLoop(contender, () -> H2load.timed(run.pinning(), fixed(contender.h2c()),
                        H2C_CONNECTIONS, H2C_STREAMS, options.duration()));
                http1.computeIfAbsent(contender.name(), name -> new ArrayList<>()).add(one);
                h2c.computeIfAbsent(contender.name(), name -> new ArrayList<>()).add(two);
                Progress.say("round " + round + " " + contender.name() + ": HTTP/1.1 " + Numbers.format(one.perSecond())
                        + " req/s, " + Numbers.format(one.cpuMicrosPerRequest()) + " µs CPU/req; h2c "
                        + Numbers.format(two.perSecond()) + " req/s");
            }
        }
        Optional<Running> direct = contenders.stream().filter(c -> c.name().equals(Contenders.DIRECT)).findFirst();
        Map<String, List<LoadReport>> latency = new LinkedHashMap<>();
        Map<String, List<LoadReport>> directAtSameRate = new LinkedHashMap<>();
        for (int round = 1; round <= options.rounds(); round++) {
            for (Running contender : contenders) {
                if (direct.isPresent() && contender == direct.get()) {
                    continue;
                }
                double rate = 0.5 * Numbers.median(http1.get(contender.name()), Throughput::perSecond);
                if (!(rate >= 1)) {
                    continue;
                }
                run.settle(backend, contenders);
                LoadReport proxied = openLoop(contender.http1(), rate, options.duration());
                latency.computeIfAbsent(contender.name(), name -> new ArrayList<>()).add(proxied);
                String line = "round " + round + " " + contender.name() + " at " + Numbers.format(rate) + " req/s: p50 "
                        + Numbers.format(proxied.latency().p50()) + " µs, p99 " + Numbers.format(proxied.latency().p99()) + " µs";
                if (direct.isPresent()) {
                    run.settle(backend, contenders);
                    LoadReport baseline = openLoop(direct.get().http1(), rate, options.duration());
                    directAtSameRate.computeIfAbsent(contender.name(), name -> new ArrayList<>()).add(baseline);
                    line += "; direct p50 " + Numbers.format(baseline.latency().p50()) + " µs";
                }
                Progress.say(line);
            }
        }
        return outcome(run, flags, contenders, http1, h2c, latency, directAtSameRate);
    }

    /**
     * The generator runs in this JVM: until its own code is compiled it cannot keep a schedule, so
     * it first loads the backend (never a contender, which a high rate could overload) at rising
     * rates.
     */
    private static void warmUpGenerator(Backend backend) {
        Progress.say("warm-up of the open-loop generator");
        for (double rate : List.of(2_000.0, 8_000.0, 16_000.0)) {
            OpenLoopGenerator.run(new OpenLoopGenerator.Settings(backend.base(), "/fixed", ArrivalSchedule.constant(rate),
                    Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(5), null));
        }
    }

    private static Throughput closedLoop(Running contender, Supplier<ToolRun> tool) {
        long cpuBefore = ProcessMeter.cpuMicros(contender.measured());
        ToolRun result = tool.get();
        long cpu = ProcessMeter.cpuMicros(contender.measured()) - cpuBefore;
        long rss = ProcessMeter.rssKiB(contender.measured());
        double perRequest = result.requests() == 0 ? Double.NaN : (double) cpu / result.requests();
        return new Throughput(result.requestsPerSecond(), perRequest, rss, result.errors());
    }

    private static LoadReport openLoop(URI base, double rate, Duration measure) {
        return OpenLoopGenerator.run(new OpenLoopGenerator.Settings(base, "/fixed", ArrivalSchedule.constant(rate),
                LATENCY_WARM_UP, measure, Duration.ofSeconds(5), null));
    }

    private static URI fixed(URI base) {
        return base.resolve("/fixed");
    }

    private SetOutcome outcome(BenchRun run, JvmFlags flags, List<Running> contenders,
            Map<String, List<Throughput>> http1, Map<String, List<Throughput>> h2c,
            Map<String, List<LoadReport>> latency, Map<String, List<LoadReport>> directAtSameRate) {
        MarkdownTable throughput = new MarkdownTable("contender", "policies", "HTTP/1.1 req/s", "CPU µs/req",
                "RSS MiB", "h2c req/s", "h2c CPU µs/req", "errors");
        MarkdownTable latencyTable = new MarkdownTable("contender", "rate req/s (50 % of max)", "p50 µs", "p99 µs",
                "p99.9 µs", "direct p50 µs at that rate", "added p50 µs", "added p99 µs", "failed", "generator lag p99 µs");
        List<String> names = new ArrayList<>();
        List<List<Double>> rates = new ArrayList<>();
        List<List<Double>> cpu = new ArrayList<>();
        List<List<Double>> latencies = new ArrayList<>();
        for (Running contender : contenders) {
            String name = contender.name();
            List<Throughput> one = http1.get(name);
            List<Throughput> two = h2c.get(name);
            long errors = one.stream().mapToLong(Throughput::errors).sum() + two.stream().mapToLong(Throughput::errors).sum();
            throughput.row(name, contender.policies(), Numbers.format(Numbers.median(one, Throughput::perSecond)),
                    Numbers.format(Numbers.median(one, Throughput::cpuMicrosPerRequest)),
                    Numbers.format(Numbers.median(one, t -> t.rssKiB() / 1024.0)),
                    Numbers.format(Numbers.median(two, Throughput::perSecond)),
                    Numbers.format(Numbers.median(two, Throughput::cpuMicrosPerRequest)), Long.toString(errors));
            names.add(name);
            rates.add(List.of(Numbers.median(one, Throughput::perSecond), Numbers.median(two, Throughput::perSecond)));
            cpu.add(List.of(Numbers.median(one, Throughput::cpuMicrosPerRequest), Numbers.median(two, Throughput::cpuMicrosPerRequest)));
            List<LoadReport> open = latency.get(name);
            if (open != null) {
                List<LoadReport> base = directAtSameRate.get(name);
                latencyTable.row(name, Numbers.format(Numbers.median(open, LoadReport::offeredPerSecond)),
                        Numbers.format(Numbers.median(open, r -> r.latency().p50())), Numbers.format(Numbers.median(open, r -> r.latency().p99())),
                        Numbers.format(Numbers.median(open, r -> r.latency().p999())),
                        Numbers.format(Numbers.median(base, r -> r.latency().p50())),
                        Numbers.format(Numbers.medianDifference(open, base, r -> r.latency().p50())),
                        Numbers.format(Numbers.medianDifference(open, base, r -> r.latency().p99())),
                        Long.toString(open.stream().mapToLong(LoadReport::failed).sum()),
                        Numbers.format(Numbers.median(open, LoadReport::sendLagP99Micros)));
                latencies.add(List.of(Numbers.median(open, r -> r.latency().p50()), Numbers.median(open, r -> r.latency().p99())));
            } else {
                latencies.add(List.of(Double.NaN, Double.NaN));
            }
        }
        String markdown = ReportHeader.render(run, flags, "wrk -t1 -c" + HTTP1_CONNECTIONS + " and h2load -t1 -c"
                + H2C_CONNECTIONS + " -m" + H2C_STREAMS + " for " + run.options().duration().toSeconds()
                + " s each on the 12-byte answer; open-loop latency for " + run.options().duration().toSeconds()
                + " s after " + LATENCY_WARM_UP.toSeconds() + " s of warm-up at 50 % of each contender's HTTP/1.1 maximum, direct measured at the same rate")
                + "\n### Throughput and cost\n\n" + throughput.render()
                + "\n### Latency at 50 % of maximum (open loop, HTTP/1.1)\n\n" + latencyTable.render()
                + "\n### Ratios\n\n" + ratios(contenders, http1, h2c)
                + limitCost(http1, latency, directAtSameRate)
                + goals(http1, latency, directAtSameRate).map(goals -> "\n### Goals\n\n" + Goal.table(goals)).orElse("")
                + "\n![throughput](benchmarks/" + set + "-throughput.png)\n![CPU per request](benchmarks/" + set + "-cpu.png)\n"
                + "![latency](benchmarks/" + set + "-latency.png)\n";
        return new SetOutcome(set, true, markdown, List.of(
                new SetOutcome.Chart(set + "-throughput.png",
                        new BarChart("Throughput, 12-byte answer", "req/s", List.of("HTTP/1.1 (wrk)", "h2c (h2load)"), names, rates)),
                new SetOutcome.Chart(set + "-cpu.png",
                        new BarChart("CPU per request of the proxy process", "µs", List.of("HTTP/1.1", "h2c"), names, cpu)),
                new SetOutcome.Chart(set + "-latency.png",
                        new BarChart("Latency at 50 % of each contender's maximum (open loop)", "µs", List.of("p50", "p99"),
                                names, latencies))));
    }

    private static String ratios(List<Running> contenders, Map<String, List<Throughput>> http1, Map<String, List<Throughput>> h2c) {
        MarkdownTable table = new MarkdownTable("ratio", "HTTP/1.1 req/s", "h2c req/s", "CPU µs/req (HTTP/1.1)");
        for (String ours : List.of(Contenders.INFERGATE, Contenders.INFERGATE_FULL)) {
            if (!http1.containsKey(ours)) {
                continue;
            }
            for (String peer : List.of(Contenders.DIRECT, Contenders.NGINX, Contenders.VANILLA_SCG, Contenders.BARE_RN)) {
                if (!http1.containsKey(peer)) {
                    continue;
                }
                table.row(ours + " / " + peer,
                        Numbers.ratio(Numbers.median(http1.get(ours), Throughput::perSecond), Numbers.median(http1.get(peer), Throughput::perSecond)),
                        Numbers.ratio(Numbers.median(h2c.get(ours), Throughput::perSecond), Numbers.median(h2c.get(peer), Throughput::perSecond)),
                        Numbers.ratio(Numbers.median(http1.get(ours), Throughput::cpuMicrosPerRequest),
                                Numbers.median(http1.get(peer), Throughput::cpuMicrosPerRequest)));
            }
        }
        return table.render();
    }

    /**
     * What a rate limit adds to the same gateway without one: CPU per request and p50 latency at 50 %
     * of each one's maximum (both over direct at the same rate), throughput as a ratio.
     */
    private static String limitCost(Map<String, List<Throughput>> http1, Map<String, List<LoadReport>> latency,
            Map<String, List<LoadReport>> directAtSameRate) {
        String base = Contenders.INFERGATE;
        if (!http1.containsKey(base)) {
            return "";
        }
        MarkdownTable table = new MarkdownTable("contender", "throughput / infergate", "added CPU µs/req",
                "added p50 µs over infergate's (each over direct at 50 % of its max)");
        for (String limited : List.of(Contenders.INFERGATE_LIMIT, Contenders.INFERGATE_LIMIT_REDIS)) {
            if (!http1.containsKey(limited)) {
                continue;
            }
            double addedP50 = Numbers.medianDifference(latency.get(limited), directAtSameRate.get(limited), r -> r.latency().p50())
                    - Numbers.medianDifference(latency.get(base), directAtSameRate.get(base), r -> r.latency().p50());
            table.row(limited,
                    Numbers.ratio(Numbers.median(http1.get(limited), Throughput::perSecond), Numbers.median(http1.get(base), Throughput::perSecond)),
                    Numbers.format(Numbers.median(http1.get(limited), Throughput::cpuMicrosPerRequest)
                            - Numbers.median(http1.get(base), Throughput::cpuMicrosPerRequest)),
                    Numbers.format(addedP50));
        }
        return table.rows() == 0 ? "" : "\n### What a rate limit costs\n\n" + table.render();
    }

    /** The goals, when the contenders they compare ran. */
    private static Optional<List<Goal>> goals(Map<String, List<Throughput>> http1, Map<String, List<LoadReport>> latency,
            Map<String, List<LoadReport>> directAtSameRate) {
        String full = Contenders.INFERGATE_FULL;
        if (!http1.containsKey(full) || !http1.containsKey(Contenders.VANILLA_SCG) || !http1.containsKey(Contenders.BARE_RN)) {
            return Optional.empty();
        }
        double throughputRatio = Numbers.median(http1.get(full), Throughput::perSecond)
                / Numbers.median(http1.get(Contenders.VANILLA_SCG), Throughput::perSecond);
        double cpuRatio = Numbers.median(http1.get(full), Throughput::cpuMicrosPerRequest)
                / Numbers.median(http1.get(Contenders.BARE_RN), Throughput::cpuMicrosPerRequest);
        double added = Numbers.medianDifference(latency.get(full), directAtSameRate.get(full), r -> r.latency().p50());
        return Optional.of(List.of(
                Goal.of("full chain throughput ≥ 1.0× vanilla SCG (HTTP/1.1)", throughputRatio, 1.0, false,
                        Numbers.format(throughputRatio) + "×"),
                Goal.of("full chain CPU per request ≤ 2× bare Reactor Netty", cpuRatio, 2.0, true, Numbers.format(cpuRatio) + "×"),
                Goal.of("added p50 latency over direct ≤ 100 µs at 50 % load", added, 100, true, Numbers.format(added) + " µs")));
    }
}
