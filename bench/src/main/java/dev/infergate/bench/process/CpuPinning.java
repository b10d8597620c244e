package dev.infergate.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the load generators and the system under test off each other's core: of the cores this
 * process may run on, load runs on the first and the system under test with its backend on the
 * second ({@code taskset}). With one core, or without {@code taskset}, nothing is pinned and the
 * report says so. Child processes inherit the affinity they start with, and a JVM sizes its thread
 * pools to the cores it may use.
 *
 * <p>{@code bench/run} pins this JVM to the load core before it starts, so it passes the list it
 * was allowed before pinning in {@code BENCH_AFFINITY} (taskset's list form, e.g. {@code 0-1}).
 */
public final class CpuPinning {

    private final List<Integer> cores;
    private final String description;

    private CpuPinning(List<Integer> cores, String description) {
        this.cores = cores;
        this.description = description;
    }

    /** Pins when asked to and the machine allows it. */
    public static CpuPinning detect(boolean wanted) {
        if (!wanted) {
            return none("switched off");
        }
        if (Executables.find("taskset").isEmpty()) {
            return none("no taskset");
        }
        List<Integer> allowed = Optional.ofNullable(System.getenv("BENCH_AFFINITY"))
                .map(CpuList::expand)
                .orElseGet(CpuPinning::ownAffinity);
        if (allowed.size() < 2) {
            return none(allowed.size() + " core available");
        }
        List<Integer> two = allowed.subList(0, 2);
        return new CpuPinning(two, "load generators on core " + two.get(0) + ", system under test and backend on core "
                + two.get(1) + " (taskset)");
    }

    public static CpuPinning none(String why) {
        return new CpuPinning(List.of(), "not pinned (" + why + ")");
    }

    /** The command prefix that pins a process of this role, empty when not pinning. */
    public List<String> prefix(Role role) {
        if (cores.isEmpty()) {
            return List.of();
        }
        return List.of("taskset", "-c", Integer.toString(cores.get(role == Role.LOAD ? 0 : 1)));
    }

    public boolean active() {
        return !cores.isEmpty();
    }

    public String description() {
        return description;
    }

    private static List<Integer> ownAffinity() {
        try {
            Process taskset = new ProcessBuilder("taskset", "-pc", Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).start();
            String output = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!taskset.waitFor(10, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
                return List.of();
            }
            return CpuList.expand(output.substring(output.lastIndexOf(':') + 1));
        } catch (IOException | RuntimeException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
