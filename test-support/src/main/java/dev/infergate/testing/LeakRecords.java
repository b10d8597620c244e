package dev.infergate.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The leaks {@link RecordingLeakDetector} found and not yet reported to a test. */
public final class LeakRecords {

    private static final int GC_ROUNDS = 3;
    private static final long ENQUEUE_WAIT_MILLIS = 2_000;

    private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();

    private LeakRecords() {
    }

    static void add(String leak) {
        LEAKS.add(leak);
    }

    /**
     * Collects garbage so that dropped buffers reach the detector's reference queue, makes the
     * detector poll that queue, and returns (and forgets) every leak found so far.
     */
    public static List<String> collect() {
        for (int round = 0; round < GC_ROUNDS; round++) {
            awaitOneCollection();
            pollDetector();
        }
        List<String> found = new ArrayList<>();
        for (String leak; (leak = LEAKS.poll()) != null; ) {
            found.add(leak);
        }
        return found;
    }

    /**
     * Runs the collector until a sentinel object is enqueued: references cleared by the same
     * collection are enqueued by the same reference-handler pass.
     */
    private static void awaitOneCollection() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
        long deadline = System.nanoTime() + ENQUEUE_WAIT_MILLIS * 1_000_000;
        try {
            while (System.nanoTime() < deadline) {
                System.gc();
                if (queue.remove(50) != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sentinel.clear();
        }
    }

    /** The ByteBuf detector polls its reference queue whenever it tracks a new buffer. */
    private static void pollDetector() {
        ByteBuf probe = Unpooled.directBuffer(1);
        probe.release();
        ByteBuf heapProbe = Unpooled.buffer(1);
        heapProbe.release();
    }
}
