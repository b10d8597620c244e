package dev.infergate.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hard limit on open files of this process ({@code Max open files} in
 * {@code /proc/self/limits}), which children inherit: it decides how many streams can be held over
 * one connection each.
 */
public final class OpenFiles {

    private OpenFiles() {
    }

    /** The hard limit, or {@link Long#MAX_VALUE} when unlimited or unknown. */
    public static long hardLimit() {
        try {
            return Files.readAllLines(Path.of("/proc/self/limits"), StandardCharsets.US_ASCII).stream()
                    .filter(line -> line.startsWith("Max open files"))
                    .map(line -> line.substring("Max open files".length()).trim().split("\\s+")[1])
                    .map(value -> "unlimited".equals(value) ? Long.MAX_VALUE : Long.parseLong(value))
                    .findFirst()
                    .orElse(Long.MAX_VALUE);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
