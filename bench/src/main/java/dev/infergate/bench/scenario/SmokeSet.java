package dev.infergate.bench.scenario;

import dev.infergate.bench.BenchOptions;
import dev.infergate.bench.backend.BackendServer;
import dev.infergate.bench.contender.Backend;
import dev.infergate.bench.contender.Contender;
import dev.infergate.bench.contender.Contenders;
import dev.infergate.bench.contender.JvmFlags;
import dev.infergate.bench.contender.Running;
import dev.infergate.bench.load.ArrivalSchedule;
import dev.infergate.bench.load.IdleStreams;
import dev.infergate.bench.load.LoadReport;
import dev.infergate.bench.load.OpenLoopGenerator;
import dev.infergate.bench.load.SseProbe;
import dev.infergate.bench.load.SseReport;
import dev.infergate.bench.process.JvmInspector;
import dev.infergate.bench.report.MarkdownTable;
import dev.infergate.bench.tools.H2load;
import dev.infergate.bench.tools.ToolRun;
import dev.infergate.bench.tools.Wrk;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import reactor.netty.http.HttpProtocol;

/**
 * Every contender, every measuring path, tiny load, seconds: it proves that the harness still
 * works, not how fast anything is. Each contender must answer the open-loop generator (20 requests,
 * right body), wrk (1 s, no error), h2load (20 h2c requests) and the SSE probe (4 complete
 * streams); Infergate must also hold 10 idle streams while {@code jcmd} reads its heap and direct
 * memory; the contenders with a rate limit must answer with its {@code RateLimit} header and
 * without the header that says a fallback bucket decided (so the Redis one really asked Redis).
 * Then the simulated fleet starts with every routing contender in front of it, and each must
 * carry a few streaming chat completions to the end ({@link RoutingSmoke}). The outcome fails
 * when any check fails; a contender that does not start fails all its
 * checks. The JVM contenders start with C1 only ({@link JvmFlags#forQuickStart()}): nothing here
 * is timed, and the set runs in the project's test command.
 */
public final class SmokeSet implements ScenarioSet {

    static final List<String> CHECKS = List.of("start", "HTTP/1.1", "wrk", "h2c", "SSE", "memory", "limit");
    private static final HttpClient PROBE = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String OK = "ok";

    @Override
    public SetOutcome run(BenchRun run) {
        BenchOptions options = run.options();
        Backend backend = run.startBackend(options.sseEvents(), options.sseIntervalMs());
        JvmFlags flags = JvmFlags.of(options.nativeTransport(), true).forQuickStart();
        Map<String, Map<String, String>> results = new LinkedHashMap<>();
        Map<String, Running> started = new LinkedHashMap<>();
        for (Contender contender : Contenders.named(options.contenders())) {
            Map<String, String> checks = new LinkedHashMap<>();
            results.put(contender.name(), checks);
            check(contender.name(), checks, "start", () -> {
                started.put(contender.name(), run.launch(contender, backend, flags));
                return OK;
            });
        }
        for (Map.Entry<String, Running> entry : started.entrySet()) {
            Running contender = entry.getValue();
            Map<String, String> checks = results.get(entry.getKey());
            check(contender.name(), checks, "start", () -> {
                contender.awaitReady(BenchRun.START_TIMEOUT);
                return OK;
            });
            if (!OK.equals(checks.get("start"))) {
                continue;
            }
            check(contender.name(), checks, "HTTP/1.1", () -> http1(contender));
            check(contender.name(), checks, "wrk", () -> wrk(run, contender));
            check(contender.name(), checks, "h2c", () -> h2c(run, contender));
            check(contender.name(), checks, "SSE", () -> sse(options, contender));
            if (contender.name().equals(Contenders.INFERGATE)) {
                check(contender.name(), checks, "memory", () -> memory(contender));
            }
            if (Contenders.LIMITED.contains(contender.name())) {
                check(contender.name(), checks, "limit", () -> limit(contender));
            }
        }
        Map<String, String> routing = RoutingSmoke.run(run, flags);
        return outcome(results, routing, flags);
    }

    private static String http1(Running contender) {
        LoadReport report = OpenLoopGenerator.run(new OpenLoopGenerator.Settings(contender.http1(), "/fixed",
                ArrivalSchedule.constant(100), Duration.ZERO, Duration.ofMillis(200), Duration.ofSeconds(10),
                BackendServer.FIXED_BODY));
        return report.ok() == report.sent() && report.sent() > 0 && report.failed() == 0
                ? OK : "answered " + report.ok() + "/" + report.sent() + ": " + report.firstFailure();
    }

    private static String wrk(BenchRun run, Running contender) {
        ToolRun result = Wrk.run(run.pinning(), contender.http1().resolve("/fixed"), 2, Duration.ofSeconds(1));
        return result.requests() > 0 && result.errors() == 0
                ? OK : result.requests() + " requests, " + result.errors() + " errors:\n" + result.output();
    }

    private static String h2c(BenchRun run, Running contender) {
        ToolRun result = H2load.counted(run.pinning(), contender.h2c().resolve("/fixed"), 20);
        return result.requests() == 20 && result.errors() == 0
                ? OK : result.requests() + "/20 succeeded, " + result.errors() + " errors:\n" + result.output();
    }

    private static String sse(BenchOptions options, Running contender) {
        SseReport report = SseProbe.run(new SseProbe.Settings(contender.http1(), "/sse", options.streams(), 100,
                options.sseEvents(), Duration.ofSeconds(20), HttpProtocol.HTTP11));
        return report.complete() == report.streams()
                ? OK : report.complete() + "/" + report.streams() + " streams complete: " + report.firstFailure();
    }

    private static String memory(Running contender) {
        long pid = contender.measured().pid();
        try (IdleStreams streams = IdleStreams.open(contender.http1(), "/sse/idle", 10, 100, HttpProtocol.HTTP11)) {
            int held = streams.awaitHeld(Duration.ofSeconds(20));
            long heap = JvmInspector.heapUsedAfterGcKiB(pid);
            long direct = JvmInspector.directKiB(pid);
            return held == 10 && heap > 0 && direct >= 0
                    ? OK : held + "/10 idle streams held (" + streams.firstFailure() + "), heap " + heap + " KiB";
        }
    }

    private static String limit(Running contender) {
        try {
            HttpResponse<Void> response = PROBE.send(HttpRequest.newBuilder(contender.http1().resolve("/fixed"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            Optional<String> remaining = response.headers().firstValue("RateLimit");
            Optional<String> fallback = response.headers().firstValue("Infergate-RateLimit-Fallback");
            return response.statusCode() == 200 && remaining.isPresent() && fallback.isEmpty()
                    ? OK : "status " + response.statusCode() + ", RateLimit " + remaining.orElse("missing")
                            + fallback.map(limits -> ", decided by the fallback bucket of " + limits).orElse("");
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void check(String contender, Map<String, String> checks, String name, Supplier<String> body) {
        long start = System.nanoTime();
        String verdict;
        try {
            verdict = body.get();
        } catch (RuntimeException e) {
            verdict = e.toString();
        }
        checks.put(name, verdict);
        String took = String.format(Locale.ROOT, " (%.1f s)", (System.nanoTime() - start) / 1e9);
        Progress.say(contender + " " + name + ": " + (OK.equals(verdict) ? OK + took : "FAILED" + took + ": " + verdict));
    }

    private static SetOutcome outcome(Map<String, Map<String, String>> results, Map<String, String> routing, JvmFlags flags) {
        MarkdownTable table = new MarkdownTable(header());
        StringBuilder failures = new StringBuilder();
        boolean passed = true;
        for (Map.Entry<String, Map<String, String>> entry : results.entrySet()) {
            String[] cells = new String[CHECKS.size() + 1];
            cells[0] = entry.getKey();
            for (int i = 0; i < CHECKS.size(); i++) {
                String verdict = entry.getValue().get(CHECKS.get(i));
                boolean expected = switch (CHECKS.get(i)) {
                    case "memory" -> entry.getKey().equals(Contenders.INFERGATE);
                    case "limit" -> Contenders.LIMITED.contains(entry.getKey());
                    default -> true;
                };
                if (verdict == null) {
                    verdict = expected ? "not run" : "–";
                }
                boolean good = OK.equals(verdict) || !expected;
                cells[i + 1] = good ? verdict : "FAILED";
                if (!good) {
                    passed = false;
                    failures.append("- ").append(entry.getKey()).append(' ').append(CHECKS.get(i)).append(": ")
                            .append(verdict).append('\n');
                }
            }
            table.row(cells);
        }
        MarkdownTable routingTable = new MarkdownTable("routing contender", "complete streams through it");
        for (Map.Entry<String, String> entry : routing.entrySet()) {
            boolean good = OK.equals(entry.getValue());
            routingTable.row(entry.getKey(), good ? OK : "FAILED");
            if (!good) {
                passed = false;
                failures.append("- ").append(entry.getKey()).append(" streams: ").append(entry.getValue()).append('\n');
            }
        }
        String markdown = "JVM contenders ran with `" + flags + "`.\n\n" + table.render() + "\n" + routingTable.render()
                + (failures.isEmpty() ? "\nEvery contender answered.\n" : "\nFailures:\n\n" + failures);
        return new SetOutcome("smoke", passed, markdown, List.of());
    }

    private static String[] header() {
        String[] header = new String[CHECKS.size() + 1];
        header[0] = "contender";
        for (int i = 0; i < CHECKS.size(); i++) {
            header[i + 1] = CHECKS.get(i);
        }
        return header;
    }
}
