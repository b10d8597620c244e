package dev.infergate.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How much of the machine's CPU went to processes the harness did not start, over a run: the
 * machine's busy time from {@code /proc/stat} minus the harness's own (its JVM, every process it
 * started and is still running, and those that ended, through the JVM's {@code cutime} and
 * {@code cstime}). A benchmark measured while something else computes measures that too; the
 * results say how much there was rather than assume a quiet machine.
 */
public final class OtherLoad {

    private final long totalStart;
    private final long busyStart;
    private final long ownStart;

    private OtherLoad(long[] machine, long own) {
        this.totalStart = machine[0];
        this.busyStart = machine[1];
        this.ownStart = own;
    }

    /** Starts counting now. */
    public static OtherLoad start() {
        return new OtherLoad(machineTicks(), ownTicks());
    }

    /** The share (0 to 1) of all cores' time used by other processes since {@link #start()}; NaN when unreadable. */
    public double share() {
        long[] machine = machineTicks();
        long total = machine[0] - totalStart;
        if (total <= 0) {
            return Double.NaN;
        }
        long other = (machine[1] - busyStart) - (ownTicks() - ownStart);
        return Math.max(0, (double) other / total);
    }

    /** Total and busy ticks of the {@code cpu} line of {@code /proc/stat}; busy excludes idle and iowait. */
    static long[] machineTicks(String cpuLine) {
        long[] fields = Arrays.stream(cpuLine.trim().split("\\s+")).skip(1).mapToLong(Long::parseLong).toArray();
        long total = 0;
        // user nice system idle iowait irq softirq steal; guest time is already inside user and nice.
        for (int i = 0; i < Math.min(fields.length, 8); i++) {
            total += fields[i];
        }
        long idle = fields[3] + (fields.length > 4 ? fields[4] : 0);
        return new long[] {total, total - idle};
    }

    private static long[] machineTicks() {
        try {
            return machineTicks(Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).get(0));
        } catch (IOException | RuntimeException unreadable) {
            return new long[] {0, 0};
        }
    }

    /** The harness's ticks: its tree now plus its children that have ended. */
    private static long ownTicks() {
        long tree = ProcessMeter.cpuMicros(ProcessHandle.current()) * ProcessMeter.ticksPerSecond() / 1_000_000;
        try {
            return tree + ProcessMeter.waitedChildrenTicks(Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException unreadable) {
            return tree;
        }
    }
}
