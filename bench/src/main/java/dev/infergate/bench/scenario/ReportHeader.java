package dev.infergate.bench.scenario;

import dev.infergate.bench.BenchOptions;
import dev.infergate.bench.contender.JvmFlags;
import dev.infergate.bench.report.Machine;
import dev.infergate.bench.report.Numbers;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The lines above every results block: when, the exact command, JVM flags, pinning and the machine. */
final class ReportHeader {

    private ReportHeader() {
    }

    static String render(BenchRun run, JvmFlags flags, String method) {
        return render(run, flags, method, "figures are medians over rounds");
    }

    /** @param folding how the rounds become one figure */
    static String render(BenchRun run, JvmFlags flags, String method, String folding) {
        BenchOptions options = run.options();
        return "Measured " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
                + " with `" + options.command() + "`.\n\n"
                + "- method: " + method + "\n"
                + "- rounds: " + options.rounds() + ", contenders alternated within each round; " + folding + "\n"
                + "- JVM flags of every JVM contender: `" + flags + "`\n"
                + "- pinning: " + run.pinning().description() + "\n"
                + "- other load: processes the harness did not start used " + Numbers.format(100 * run.otherLoad())
                + " % of the machine's CPU during the run (0 on a quiet machine)\n\n"
                + "Machine:\n\n" + Machine.describe();
    }
}
