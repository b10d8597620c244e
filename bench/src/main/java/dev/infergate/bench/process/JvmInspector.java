package dev.infergate.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the memory of another JVM with {@code jcmd}: the heap in use after a full collection, and
 * the native memory Netty's direct buffers take. Direct buffers come from
 * {@code Unsafe.allocateMemory}, which Native Memory Tracking books under "Other"; the JVM must run
 * with {@code -XX:NativeMemoryTracking=summary} for that figure.
 */
public final class JvmInspector {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern OTHER = Pattern.compile("Other \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

    private JvmInspector() {
    }

    /** Runs a full collection ({@code GC.run}), then answers the heap in use, in KiB. */
    public static long heapUsedAfterGcKiB(long pid) {
        jcmd(pid, "GC.run");
        return heapUsedKiB(jcmd(pid, "GC.heap_info"));
    }

    /** Committed native memory booked as "Other" (direct buffers), in KiB. */
    public static long directKiB(long pid) {
        return directKiB(jcmd(pid, "VM.native_memory", "summary"));
    }

    static long heapUsedKiB(String heapInfo) {
        Matcher matcher = HEAP_USED.matcher(heapInfo);
        if (!matcher.find()) {
            throw new IllegalStateException("no heap figure in GC.heap_info: " + heapInfo);
        }
        return Long.parseLong(matcher.group(1));
    }

    static long directKiB(String nativeMemory) {
        Matcher matcher = OTHER.matcher(nativeMemory);
        if (!matcher.find()) {
            throw new IllegalStateException("no \"Other\" figure in VM.native_memory (is NativeMemoryTracking on?): "
                    + nativeMemory);
        }
        return Long.parseLong(matcher.group(1));
    }

    private static String jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>(List.of(Executables.jcmd(), Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", line) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
