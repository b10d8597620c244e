package dev.infergate.bench.contender;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags of every JVM contender (Infergate, vanilla Spring Cloud Gateway, the bare Reactor
 * Netty proxy): one list, so that no JVM runs with an advantage. The collector is named because a
 * JVM pinned to one core would otherwise pick Serial GC by itself; the heap is fixed so that
 * resizing does not show up as latency, and large enough for 10 000 streams.
 */
public record JvmFlags(List<String> flags) {

    public static final List<String> COMMON = List.of("-XX:+UseG1GC", "-Xms1g", "-Xmx1g", "-XX:+ExitOnOutOfMemoryError");

    /**
     * @param nativeTransport false adds {@code -Dreactor.netty.native=false} (NIO instead of epoll)
     * @param nativeMemoryTracking adds {@code -XX:NativeMemoryTracking=summary}, which the capacity
     *     set needs to see direct memory, at a small cost per allocation
     */
    public static JvmFlags of(boolean nativeTransport, boolean nativeMemoryTracking) {
        List<String> flags = new ArrayList<>(COMMON);
        if (!nativeTransport) {
            flags.add("-Dreactor.netty.native=false");
        }
        if (nativeMemoryTracking) {
            flags.add("-XX:NativeMemoryTracking=summary");
        }
        return new JvmFlags(List.copyOf(flags));
    }

    /**
     * The same flags with the JIT limited to C1, which starts a Spring application in about two
     * thirds of the CPU time: for checks that assert answers, never for measurements.
     */
    public JvmFlags forQuickStart() {
        List<String> quick = new ArrayList<>(flags);
        quick.add("-XX:TieredStopAtLevel=1");
        return new JvmFlags(List.copyOf(quick));
    }

    @Override
    public String toString() {
        return String.join(" ", flags);
    }
}
