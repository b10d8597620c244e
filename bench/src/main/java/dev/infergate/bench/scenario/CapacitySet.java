package dev.infergate.bench.scenario;

import dev.infergate.bench.BenchOptions;
import dev.infergate.bench.contender.Backend;
import dev.infergate.bench.contender.Contender;
import dev.infergate.bench.contender.Contenders;
import dev.infergate.bench.contender.JvmFlags;
import dev.infergate.bench.contender.Running;
import dev.infergate.bench.load.ArrivalSchedule;
import dev.infergate.bench.load.IdleStreams;
import dev.infergate.bench.load.OpenLoopGenerator;
import dev.infergate.bench.load.SseProbe;
import dev.infergate.bench.process.JvmInspector;
import dev.infergate.bench.process.ProcessMeter;
import dev.infergate.bench.report.BarChart;
import dev.infergate.bench.report.MarkdownTable;
import dev.infergate.bench.report.Numbers;
import dev.infergate.bench.process.OpenFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.netty.http.HttpProtocol;

/**
 * What an idle SSE stream costs a JVM proxy. For each level (e.g. 1 000 and 10 000 streams) and
 * contender, in a freshly started process: warm it up, take a baseline after a full collection
 * (heap in use, direct memory, RSS), open the streams on {@code /sse/idle} (one event, then
 * silence) at 2 000 per second, wait until every stream has its first event, collect again and
 * divide the growth by the streams held.
 *
 * <p>A proxy holds two sockets per stream over HTTP/1.1 (client and upstream). When the open-files
 * limit does not allow that, the clients use h2c (many streams per connection) and the table says
 * so; the upstream side stays HTTP/1.1, one connection per stream.
 */
public final class CapacitySet implements ScenarioSet {

    static final double OPENS_PER_SECOND = 2000;

    /** Growth per stream held, in KiB. */
    record Sample(int held, HttpProtocol protocol, double heapKiB, double directKiB, double rssKiB, long heapTotalKiB) {
    }

    @Override
    public SetOutcome run(BenchRun run) {
        BenchOptions options = run.options();
        Backend backend = run.startBackend(options.sseEvents(), options.sseIntervalMs());
        JvmFlags flags = JvmFlags.of(options.nativeTransport(), true);
        List<Contender> contenders = Contenders.named(options.contenders());
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (int round = 1; round <= options.rounds(); round++) {
            for (int level : options.levels()) {
                for (Contender contender : contenders) {
                    Sample sample = measure(run, contender, backend, flags, level);
                    samples.computeIfAbsent(contender.name() + "@" + level, key -> new ArrayList<>()).add(sample);
                    Progress.say("round " + round + " " + contender.name() + " with " + level + " streams ("
                            + label(sample.protocol()) + "): " + sample.held() + " held, heap " + Numbers.format(sample.heapKiB())
                            + " KiB/stream, direct " + Numbers.format(sample.directKiB()) + " KiB/stream");
                }
            }
        }
        return outcome(run, flags, contenders, samples);
    }

    /** Client protocol for a level: HTTP/1.1 when a proxy may hold two sockets per stream. */
    static HttpProtocol protocolFor(int streams, long openFilesLimit) {
        return openFilesLimit >= 2L * streams + 2048 ? HttpProtocol.HTTP11 : HttpProtocol.H2C;
    }

    private static Sample measure(BenchRun run, Contender contender, Backend backend, JvmFlags flags, int level) {
        Running running = run.start(contender, backend, flags);
        try {
            OpenLoopGenerator.run(new OpenLoopGenerator.Settings(running.http1(), "/fixed", ArrivalSchedule.constant(500),
                    Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(5), null));
            SseProbe.run(new SseProbe.Settings(running.http1(), "/sse?events=8&interval_ms=5", 50, 1000, 8,
                    Duration.ofSeconds(30), HttpProtocol.HTTP11));
            run.settle(backend, List.of(running));
            long pid = running.measured().pid();
            long heapBefore = JvmInspector.heapUsedAfterGcKiB(pid);
            long directBefore = JvmInspector.directKiB(pid);
            long rssBefore = ProcessMeter.rssKiB(running.measured());
            HttpProtocol protocol = protocolFor(level, OpenFiles.hardLimit());
            try (IdleStreams streams = IdleStreams.open(running.http1(), "/sse/idle", level, OPENS_PER_SECOND, protocol)) {
                int held = streams.awaitHeld(Duration.ofSeconds(60));
                long heap = JvmInspector.heapUsedAfterGcKiB(pid);
                long direct = JvmInspector.directKiB(pid);
                long rss = ProcessMeter.rssKiB(running.measured());
                if (held == 0) {
                    return new Sample(0, protocol, Double.NaN, Double.NaN, Double.NaN, heap);
                }
                return new Sample(held, protocol, (double) (heap - heapBefore) / held, (double) (direct - directBefore) / held,
                        (double) (rss - rssBefore) / held, heap);
            }
        } finally {
            run.stop(running);
        }
    }

    private static SetOutcome outcome(BenchRun run, JvmFlags flags, List<Contender> contenders, Map<String, List<Sample>> samples) {
        BenchOptions options = run.options();
        MarkdownTable table = new MarkdownTable("contender", "streams", "client protocol", "held (worst round)",
                "heap KiB/stream", "direct KiB/stream", "RSS KiB/stream", "heap in use MiB");
        List<String> names = new ArrayList<>();
        List<List<Double>> heap = new ArrayList<>();
        for (Contender contender : contenders) {
            List<Double> perLevel = new ArrayList<>();
            for (int level : options.levels()) {
                List<Sample> mine = samples.get(contender.name() + "@" + level);
                table.row(contender.name(), Integer.toString(level), label(mine.get(0).protocol()),
                        Integer.toString(mine.stream().mapToInt(Sample::held).min().orElse(0)),
                        Numbers.format(Numbers.median(mine, Sample::heapKiB)), Numbers.format(Numbers.median(mine, Sample::directKiB)),
                        Numbers.format(Numbers.median(mine, Sample::rssKiB)), Numbers.format(Numbers.median(mine, s -> s.heapTotalKiB() / 1024.0)));
                perLevel.add(Numbers.median(mine, Sample::heapKiB));
            }
            names.add(contender.name());
            heap.add(perLevel);
        }
        int top = options.levels().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Sample> ours = samples.get(Contenders.INFERGATE + "@" + top);
        double heapPerStream = ours == null ? Double.NaN : Numbers.median(ours, Sample::heapKiB);
        List<Goal> goals = List.of(Goal.of(top + " idle streams at ≤ 20 KiB heap each (Infergate)", heapPerStream, 20, true,
                Numbers.format(heapPerStream) + " KiB"));
        String markdown = ReportHeader.render(run, flags, "idle SSE streams opened at " + Numbers.format(OPENS_PER_SECOND)
                        + " per second on a freshly started process; growth after a full GC (jcmd GC.run, GC.heap_info), "
                        + "direct memory as Native Memory Tracking's \"Other\", divided by the streams held")
                + "\n" + table.render()
                + "\n### Goals\n\n" + Goal.table(goals)
                + "\n![heap per idle stream](benchmarks/capacity-heap.png)\n";
        return new SetOutcome("capacity", true, markdown, List.of(new SetOutcome.Chart("capacity-heap.png",
                new BarChart("Heap per idle SSE stream", "KiB", options.levels().stream().map(l -> l + " streams").toList(),
                        names, heap))));
    }

    static String label(HttpProtocol protocol) {
        return protocol == HttpProtocol.H2C ? "h2c" : "HTTP/1.1";
    }
}
