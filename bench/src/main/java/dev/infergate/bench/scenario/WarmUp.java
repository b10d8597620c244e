package dev.infergate.bench.scenario;

import dev.infergate.bench.contender.Running;
import dev.infergate.bench.process.ProcessMeter;
import dev.infergate.bench.report.Numbers;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Loads a contender until its CPU cost per unit of work (request, event) stops falling: a JVM
 * pinned to one core compiles its hot paths while it serves, and measured before that it would be
 * charged for its JIT. Steady means two consecutive runs within 10 % of each other and, for a JVM,
 * a last run in which its JIT compiler threads used at most 2 % of its CPU: a JVM on one core
 * keeps compiling for a minute or more of load, slowly enough that two runs can look alike while
 * it still gets faster. The warm-up lasts at least {@code min} and at most {@link #MAX}, whichever
 * comes first once steady.
 */
final class WarmUp {

    static final Duration MAX = Duration.ofSeconds(120);
    static final double COMPILER_SHARE = 0.02;
    static final double TOLERANCE = 0.10;

    private WarmUp() {
    }

    /**
     * @param load one short run of load; returns the units of work it completed
     */
    static void untilSteady(String label, Running contender, Duration min, LongSupplier load) {
        long start = System.nanoTime();
        double previous = Double.NaN;
        while (true) {
            long cpuBefore = ProcessMeter.cpuMicros(contender.measured());
            long compilerBefore = ProcessMeter.compilerCpuMicros(contender.measured());
            long units = load.getAsLong();
            long cpu = ProcessMeter.cpuMicros(contender.measured()) - cpuBefore;
            long compiler = ProcessMeter.compilerCpuMicros(contender.measured()) - compilerBefore;
            double perUnit = units == 0 ? Double.NaN : (double) cpu / units;
            boolean steady = !Double.isNaN(previous) && Math.abs(perUnit - previous) <= TOLERANCE * previous
                    && compiler <= COMPILER_SHARE * cpu;
            previous = perUnit;
            long elapsed = System.nanoTime() - start;
            if ((steady && elapsed >= min.toNanos()) || elapsed >= MAX.toNanos()) {
                Progress.say("warm-up " + contender.name() + " " + label + ": " + Numbers.format(perUnit) + " µs CPU per unit after "
                        + elapsed / 1_000_000_000 + " s, JIT " + Numbers.format(100.0 * compiler / Math.max(1, cpu)) + " % of its CPU"
                        + (steady ? "" : " (not steady yet)"));
                return;
            }
        }
    }
}
