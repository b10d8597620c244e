package dev.infergate.bench.scenario;

import dev.infergate.bench.BenchOptions;
import dev.infergate.bench.contender.Backend;
import dev.infergate.bench.contender.Contenders;
import dev.infergate.bench.contender.JvmFlags;
import dev.infergate.bench.contender.Running;
import dev.infergate.bench.load.SseProbe;
import dev.infergate.bench.load.SseReport;
import dev.infergate.bench.process.ProcessMeter;
import dev.infergate.bench.report.BarChart;
import dev.infergate.bench.report.MarkdownTable;
import dev.infergate.bench.report.Numbers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.netty.http.HttpProtocol;

/**
 * SSE through each proxy: {@code streams} concurrent streams (opened at 1 000 per second, HTTP/1.1,
 * one connection each) of {@code sseEvents} events that the backend emits every
 * {@code sseIntervalMs}. Per stream the client records the time from the stream's due start to its
 * first event and every gap between events as they arrive. Added time to first event and the gap
 * difference are taken against {@code direct} in the same round. Before the rounds, each contender
 * serves short streams (32 events, 5 ms apart, as many streams) until its CPU per event is steady
 * ({@link WarmUp}), so that the JVMs have compiled their streaming path. A proxy that coalesces events
 * shows gaps near 0 and near twice the interval instead of the interval.
 */
public final class StreamingSet implements ScenarioSet {

    static final double OPENS_PER_SECOND = 1000;

    /** One probe run and the proxy's CPU over it. */
    record Sample(SseReport report, double cpuMicrosPerEvent) {
    }

    @Override
    public SetOutcome run(BenchRun run) {
        BenchOptions options = run.options();
        Backend backend = run.startBackend(options.sseEvents(), options.sseIntervalMs());
        JvmFlags flags = JvmFlags.of(options.nativeTransport(), false);
        List<Running> contenders = run.start(Contenders.named(options.contenders()), backend, flags);
        for (Running contender : contenders) {
            WarmUp.untilSteady("SSE", contender, options.warmUp(), () -> SseProbe.run(new SseProbe.Settings(contender.http1(),
                    "/sse?events=32&interval_ms=5", options.streams(), OPENS_PER_SECOND, 32, Duration.ofSeconds(30),
                    HttpProtocol.HTTP11)).events());
        }
        Duration timeout = Duration.ofMillis((long) options.sseEvents() * options.sseIntervalMs()).plusSeconds(30);
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (int round = 1; round <= options.rounds(); round++) {
            for (Running contender : contenders) {
                run.settle(backend, contenders);
                long cpuBefore = ProcessMeter.cpuMicros(contender.measured());
                SseReport report = SseProbe.run(new SseProbe.Settings(contender.http1(), "/sse", options.streams(),
                        OPENS_PER_SECOND, options.sseEvents(), timeout, HttpProtocol.HTTP11));
                long cpu = ProcessMeter.cpuMicros(contender.measured()) - cpuBefore;
                samples.computeIfAbsent(contender.name(), name -> new ArrayList<>())
                        .add(new Sample(report, report.events() == 0 ? Double.NaN : (double) cpu / report.events()));
                Progress.say("round " + round + " " + contender.name() + ": " + report.complete() + "/" + report.streams()
                        + " streams complete, first event p99 " + Numbers.format(report.firstEvent().p99()) + " µs, gap p99 "
                        + Numbers.format(report.gap().p99()) + " µs"
                        + (report.firstFailure() == null ? "" : " (first failure: " + report.firstFailure() + ")"));
            }
        }
        return outcome(run, flags, contenders, samples);
    }

    private static SetOutcome outcome(BenchRun run, JvmFlags flags, List<Running> contenders, Map<String, List<Sample>> samples) {
        BenchOptions options = run.options();
        List<Sample> direct = samples.get(Contenders.DIRECT);
        MarkdownTable table = new MarkdownTable("contender", "streams complete", "first event p50 µs", "first event p99 µs",
                "added first event p50 µs", "added first event p99 µs", "gap p50 µs", "gap p99 µs", "gap p99.9 µs",
                "gap p99 − direct µs", "proxy CPU µs/event");
        List<String> names = new ArrayList<>();
        List<List<Double>> added = new ArrayList<>();
        List<List<Double>> gaps = new ArrayList<>();
        for (Running contender : contenders) {
            List<Sample> mine = samples.get(contender.name());
            int complete = mine.stream().mapToInt(s -> s.report().complete()).min().orElse(0);
            table.row(contender.name(), complete + "/" + options.streams() + " (worst round)",
                    Numbers.format(Numbers.median(mine, s -> s.report().firstEvent().p50())),
                    Numbers.format(Numbers.median(mine, s -> s.report().firstEvent().p99())),
                    Numbers.format(Numbers.medianDifference(mine, direct, s -> s.report().firstEvent().p50())),
                    Numbers.format(Numbers.medianDifference(mine, direct, s -> s.report().firstEvent().p99())),
                    Numbers.format(Numbers.median(mine, s -> s.report().gap().p50())),
                    Numbers.format(Numbers.median(mine, s -> s.report().gap().p99())),
                    Numbers.format(Numbers.median(mine, s -> s.report().gap().p999())),
                    Numbers.format(Numbers.medianDifference(mine, direct, s -> s.report().gap().p99())),
                    Numbers.format(Numbers.median(mine, Sample::cpuMicrosPerEvent)));
            names.add(contender.name());
            added.add(List.of(Numbers.medianDifference(mine, direct, s -> s.report().firstEvent().p50()),
                    Numbers.medianDifference(mine, direct, s -> s.report().firstEvent().p99())));
            gaps.add(List.of(Numbers.median(mine, s -> s.report().gap().p50()), Numbers.median(mine, s -> s.report().gap().p99()),
                    Numbers.median(mine, s -> s.report().gap().p999())));
        }
        List<Sample> ours = samples.get(Contenders.INFERGATE);
        double addedFirstEvent = Numbers.medianDifference(ours, direct, s -> s.report().firstEvent().p99());
        double gapDelta = Math.abs(Numbers.medianDifference(ours, direct, s -> s.report().gap().p99()));
        List<Goal> goals = List.of(
                Goal.of("SSE added time to first event p99 ≤ 1 ms over direct, " + options.streams() + " concurrent streams",
                        addedFirstEvent, 1000, true, Numbers.format(addedFirstEvent) + " µs"),
                Goal.of("no coalescing: inter-event gap p99 within 0.5 ms of direct", gapDelta, 500, true,
                        Numbers.format(gapDelta) + " µs"));
        String markdown = ReportHeader.render(run, flags, options.streams() + " concurrent SSE streams (HTTP/1.1, opened at "
                        + Numbers.format(OPENS_PER_SECOND) + " per second) of " + options.sseEvents() + " events, one every "
                        + options.sseIntervalMs() + " ms at the backend")
                + "\n" + table.render()
                + "\n### Goals\n\n" + Goal.table(goals)
                + "\n![added time to first event](benchmarks/streaming-first-event.png)\n"
                + "![inter-event gaps](benchmarks/streaming-gaps.png)\n";
        return new SetOutcome("streaming", true, markdown, List.of(
                new SetOutcome.Chart("streaming-first-event.png", new BarChart("Added time to first event over direct", "µs",
                        List.of("p50", "p99"), names, added)),
                new SetOutcome.Chart("streaming-gaps.png", new BarChart("Inter-event gap at the client (backend: "
                        + options.sseIntervalMs() + " ms)", "µs", List.of("p50", "p99", "p99.9"), names, gaps))));
    }
}
