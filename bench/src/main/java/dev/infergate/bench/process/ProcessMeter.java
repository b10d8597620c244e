package dev.infergate.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of a process and its descendants (nginx's workers are children of
 * its master), read from {@code /proc}: CPU is {@code utime + stime} of {@code /proc/<pid>/stat}
 * (every thread included) in clock ticks, RSS is {@code VmRSS} of {@code /proc/<pid>/status}. A
 * process that has exited counts as zero.
 */
public final class ProcessMeter {

    private static final long TICKS_PER_SECOND = clockTicks();

    private ProcessMeter() {
    }

    /** Clock ticks per second of {@code /proc} times. */
    static long ticksPerSecond() {
        return TICKS_PER_SECOND;
    }

    /** CPU time used so far by the process tree, in microseconds. */
    public static long cpuMicros(ProcessHandle process) {
        long ticks = tree(process).mapToLong(each -> cpuTicks(each.pid())).sum();
        return ticks * 1_000_000 / TICKS_PER_SECOND;
    }

    /**
     * CPU time used so far by the JIT compiler threads of a JVM ({@code C1 CompilerThre…},
     * {@code C2 CompilerThre…} in {@code /proc/<pid>/task/<tid>/stat}), in microseconds; 0 for a
     * process without them. Compiler threads come and go with the compile queue, so this is a
     * lower bound over time, which is enough to tell a JVM that is still compiling.
     */
    public static long compilerCpuMicros(ProcessHandle process) {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            long ticks = threads.map(ProcessMeter::readStat)
                    .filter(stat -> isCompilerThread(stat))
                    .mapToLong(ProcessMeter::cpuTicks)
                    .sum();
            return ticks * 1_000_000 / TICKS_PER_SECOND;
        } catch (IOException | UncheckedIOException gone) {
            return 0;
        }
    }

    static boolean isCompilerThread(String stat) {
        int open = stat.indexOf('(');
        return open >= 0 && stat.startsWith("C", open + 1) && stat.startsWith(" Compiler", open + 3);
    }

    /** Resident set size of the process tree now, in KiB. */
    public static long rssKiB(ProcessHandle process) {
        return tree(process).mapToLong(each -> rssKiB(each.pid())).sum();
    }

    static long cpuTicks(String stat) {
        String[] fields = fieldsAfterName(stat);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** CPU of the children the process has waited for ({@code cutime + cstime}), in clock ticks. */
    static long waitedChildrenTicks(String stat) {
        String[] fields = fieldsAfterName(stat);
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    private static String[] fieldsAfterName(String stat) {
        // The command name in parentheses may hold spaces: fields are counted after its ')'.
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    }

    static long rssKiB(List<String> status) {
        return status.stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst()
                .orElse(0);
    }

    private static Stream<ProcessHandle> tree(ProcessHandle process) {
        return Stream.concat(Stream.of(process), process.descendants());
    }

    private static String readStat(Path task) {
        try {
            return Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
        } catch (IOException gone) {
            return "";
        }
    }

    private static long cpuTicks(long pid) {
        try {
            return cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII));
        } catch (IOException gone) {
            return 0;
        }
    }

    private static long rssKiB(long pid) {
        try {
            return rssKiB(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII));
        } catch (IOException gone) {
            return 0;
        }
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String output = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            getconf.waitFor(10, TimeUnit.SECONDS);
            return Long.parseLong(output);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
