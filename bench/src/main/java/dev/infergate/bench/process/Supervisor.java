package dev.infergate.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the processes of a run and stops every one of them: when asked, when closed, and from a
 * JVM shutdown hook (Ctrl-C, SIGTERM). Stopping is SIGTERM to the process and its descendants,
 * then SIGKILL after a grace period. Each child's pid is also appended to a file when one is
 * given, so that the calling script can clean up even if this JVM is killed outright.
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    private static final long GRACE_SECONDS = 10;

    private final Path logDir;
    private final CpuPinning pinning;
    private final @Nullable Path pidsFile;
    private final List<Launched> children = new CopyOnWriteArrayList<>();
    private final Thread hook = new Thread(this::interrupted, "bench-stop-children");
    private volatile boolean interrupted;

    public Supervisor(Path logDir, CpuPinning pinning, @Nullable Path pidsFile) {
        this.logDir = logDir;
        this.pinning = pinning;
        this.pidsFile = pidsFile;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public CpuPinning pinning() {
        return pinning;
    }

    /** Starts {@code command} pinned for its role; its standard output and error go to {@code <name>.log}. */
    public Launched start(String name, Role role, List<String> command, @Nullable Path workDir) {
        List<String> full = new ArrayList<>(pinning.prefix(role));
        full.addAll(command);
        Path output = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        try {
            Files.createDirectories(logDir);
            Launched launched = new Launched(name, builder.start(), output);
            children.add(launched);
            recordPid(launched);
            log.debug("started {} (pid {}): {}", name, launched.pid(), String.join(" ", full));
            return launched;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", full), e);
        }
    }

    /**
     * Throws when the run cannot be trusted any more: the JVM is shutting down (Ctrl-C, SIGTERM),
     * or a process exited that nobody stopped (a contender crashed). Checked before results are
     * written, so that a broken run never replaces good numbers.
     */
    public void requireIntact() {
        if (interrupted) {
            throw new IllegalStateException("the run was interrupted; no results are written");
        }
        List<String> exited = children.stream().filter(child -> !child.alive())
                .map(child -> child.name() + " (exit status " + child.process().exitValue() + ", log " + child.log() + ")")
                .toList();
        if (!exited.isEmpty()) {
            throw new IllegalStateException("processes exited during the run: " + String.join(", ", exited)
                    + "; no results are written");
        }
    }

    /** Stops one process and all its descendants; returns once they are gone. */
    public void stop(Launched launched) {
        children.remove(launched);
        terminate(launched.handle());
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it stops whatever is left.
        }
    }

    private void interrupted() {
        interrupted = true;
        stopAll();
    }

    private void stopAll() {
        List<Launched> all = new ArrayList<>(children);
        children.clear();
        all.forEach(each -> each.handle().descendants().forEach(ProcessHandle::destroy));
        all.forEach(each -> each.handle().destroy());
        all.forEach(each -> terminate(each.handle()));
    }

    private static void terminate(ProcessHandle process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process);
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle each : tree) {
            try {
                each.onExit().get(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                each.destroyForcibly();
            }
        }
    }

    private void recordPid(Launched launched) {
        if (pidsFile == null) {
            return;
        }
        try {
            Files.writeString(pidsFile, launched.pid() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("cannot record pid {} in {}: {}", launched.pid(), pidsFile, e.getMessage());
        }
    }
}
