package dev.infergate.bench.report;

import dev.infergate.bench.process.CpuList;
import dev.infergate.bench.process.Executables;
import dev.infergate.bench.process.OpenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The machine a run measured, as a Markdown list: cores, CPU model, memory, kernel, JDK, the
 * versions of the peer proxies and load tools, and the open-files limit.
 */
public final class Machine {

    private Machine() {
    }

    public static String describe() {
        List<String> lines = new ArrayList<>();
        lines.add("- cores: " + cores());
        lines.add("- CPU: " + cpuModel());
        lines.add("- memory: " + memTotal());
        lines.add("- kernel: " + read("/proc/sys/kernel/osrelease").orElse("?"));
        lines.add("- JDK: " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        lines.add("- nginx: " + tool("nginx", "-v"));
        lines.add("- HAProxy: " + tool("haproxy", "-v").lines().findFirst().orElse("?"));
        lines.add("- wrk: " + tool("wrk", "-v").lines().findFirst().orElse("?"));
        lines.add("- h2load: " + tool("h2load", "--version").lines().findFirst().orElse("?"));
        lines.add("- open files limit (hard): " + OpenFiles.hardLimit());
        return String.join("\n", lines) + "\n";
    }

    /** bench/run pins this JVM to one core, so nproc here says 1: count what the script was allowed. */
    private static String cores() {
        String allowed = System.getenv("BENCH_AFFINITY");
        if (allowed != null && !allowed.isBlank()) {
            return CpuList.expand(allowed).size() + " (`nproc`; cores " + allowed.trim() + ")";
        }
        return output("nproc").orElse("?") + " (`nproc`)";
    }

    private static String cpuModel() {
        return output("lscpu").flatMap(text -> text.lines()
                        .filter(line -> line.startsWith("Model name:"))
                        .map(line -> line.substring("Model name:".length()).trim())
                        .findFirst())
                .orElse("?");
    }

    private static String memTotal() {
        return read("/proc/meminfo").flatMap(text -> text.lines()
                        .filter(line -> line.startsWith("MemTotal:"))
                        .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GiB")
                        .findFirst())
                .orElse("?");
    }

    private static String tool(String name, String versionFlag) {
        return Executables.find(name)
                .flatMap(path -> output(path.toString(), versionFlag))
                .map(String::trim)
                .orElse("not installed");
    }

    private static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> output(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(10, TimeUnit.SECONDS) ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
