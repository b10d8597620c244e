package dev.infergate.bench.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until processes are idle: a JVM keeps compiling (and collecting) for seconds after its
 * warm-up, and on a shared core that work would land in the next contender's measurement.
 * "Idle" is less than 5 % of one core, all processes together, over a quarter of a second.
 */
public final class Quiet {

    static final Duration WINDOW = Duration.ofMillis(250);
    static final double IDLE_SHARE = 0.05;

    private Quiet() {
    }

    /** Returns true once idle, false when still busy after {@code max}. */
    public static boolean await(List<ProcessHandle> processes, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        long idleBudgetMicros = (long) (WINDOW.toNanos() / 1_000 * IDLE_SHARE);
        while (System.nanoTime() - deadline < 0) {
            long before = cpuMicros(processes);
            LockSupport.parkNanos(WINDOW.toNanos());
            if (cpuMicros(processes) - before <= idleBudgetMicros) {
                return true;
            }
        }
        return false;
    }

    private static long cpuMicros(List<ProcessHandle> processes) {
        return processes.stream().mapToLong(ProcessMeter::cpuMicros).sum();
    }
}
