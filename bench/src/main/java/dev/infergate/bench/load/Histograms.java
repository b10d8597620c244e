package dev.infergate.bench.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;

/** The one histogram shape of the harness: nanoseconds up to a minute, three significant digits. */
final class Histograms {

    static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);

    private Histograms() {
    }

    /** Safe to record into from several event-loop threads at once. */
    static ConcurrentHistogram concurrent() {
        return new ConcurrentHistogram(HIGHEST_NANOS, 3);
    }

    /** Values above a minute are recorded as a minute: such a request has failed in all but name. */
    static void record(ConcurrentHistogram histogram, long nanos) {
        histogram.recordValue(Math.max(0, Math.min(nanos, HIGHEST_NANOS)));
    }
}
