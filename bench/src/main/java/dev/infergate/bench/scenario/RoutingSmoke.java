package dev.infergate.bench.scenario;

import dev.infergate.bench.contender.Fleet;
import dev.infergate.bench.contender.JvmFlags;
import dev.infergate.bench.contender.RoutingContenders;
import dev.infergate.bench.contender.RoutingTarget;
import dev.infergate.bench.load.ArrivalSchedule;
import dev.infergate.bench.load.ChatStreamLoad;
import dev.infergate.bench.load.ChatStreamReport;
import dev.infergate.bench.routing.ChatPrompt;
import dev.infergate.bench.routing.LognormalLength;
import dev.infergate.bench.routing.Workload;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing sets' part of the smoke set: the simulated fleet, every routing contender in front of
 * it, and through each a handful of streaming chat completions with shared system prompts that must
 * all come back complete; the fleet's speed switch and counters are exercised too. Nothing is timed.
 */
final class RoutingSmoke {

    static final int REQUESTS_PER_SECOND = 20;
    static final Duration LENGTH = Duration.ofMillis(300);

    private RoutingSmoke() {
    }

    /** Verdicts by contender ({@link SmokeSet#OK} or what went wrong); a failed start fails every contender. */
    static Map<String, String> run(BenchRun run, JvmFlags flags) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        List<RoutingTarget> targets;
        Fleet fleet;
        try {
            fleet = run.startFleet();
            targets = run.startRouting(RoutingContenders.names(), fleet, flags);
        } catch (RuntimeException e) {
            RoutingContenders.names().forEach(name -> verdicts.put(name, "did not start: " + e));
            return verdicts;
        }
        Workload workload = new Workload(new LognormalLength(16, 0.5, 4, 64), new LognormalLength(8, 0.5, 2, 32), 2, 64, 1);
        for (RoutingTarget target : targets) {
            String verdict;
            try {
                verdict = stream(fleet, target, workload);
            } catch (RuntimeException e) {
                verdict = e.toString();
            }
            verdicts.put(target.name(), verdict);
            Progress.say(target.name() + " streams: " + (SmokeSet.OK.equals(verdict) ? SmokeSet.OK : "FAILED: " + verdict));
        }
        return verdicts;
    }

    private static String stream(Fleet fleet, RoutingTarget target, Workload workload) {
        long receivedBefore = fleet.stats().stream().mapToLong(Fleet.Stats::received).sum();
        fleet.setSpeed(0, 0.5);
        ChatStreamReport report = ChatStreamLoad.run(new ChatStreamLoad.Settings(target.base(), RoutingRig.PATH,
                target.headers(), ArrivalSchedule.constant(REQUESTS_PER_SECOND), index -> {
                    ChatPrompt prompt = workload.request(index, 0);
                    return new ChatStreamLoad.Request(prompt.body(RoutingRig.MODEL), prompt.maxTokens());
                }, Duration.ZERO, LENGTH, Duration.ofSeconds(20)));
        fleet.restore();
        long received = fleet.stats().stream().mapToLong(Fleet.Stats::received).sum() - receivedBefore;
        if (report.sent() == 0 || report.ok() != report.sent() || report.failed() != 0) {
            return report.ok() + "/" + report.sent() + " complete streams: " + report.firstFailure();
        }
        if (received < report.sent()) {
            return "the fleet counted " + received + " requests for " + report.sent() + " sent";
        }
        return SmokeSet.OK;
    }
}
