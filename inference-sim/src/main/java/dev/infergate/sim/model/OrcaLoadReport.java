package dev.infergate.sim.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Renders a {@link Snapshot} as an ORCA load report in the TEXT form of the
 * {@code endpoint-load-metrics} response header, which Envoy and gateway endpoint pickers parse:
 *
 * <pre>
 * TEXT cpu_utilization=0.375, named_metrics.queue=3, named_metrics.running=12, named_metrics.kv_cache=0.31
 * </pre>
 *
 * <p>{@code cpu_utilization} is the batch occupancy, {@code running / maxBatch} (a GPU server's
 * "utilization" is how full its batch is); {@code queue} and {@code running} are the waiting and
 * running request counts; {@code kv_cache} is the KV-cache usage fraction. Fractions are rounded
 * half up to at most four decimals, without trailing zeros ({@code 0}, {@code 0.5}, {@code
 * 0.1884}); counts are integers. Keys appear in this order, separated by {@code ", "}.
 */
public final class OrcaLoadReport {

    /** The response header that carries the report. */
    public static final String HEADER = "endpoint-load-metrics";

    private OrcaLoadReport() {}

    /** The header value for {@code snapshot}. */
    public static String text(Snapshot snapshot) {
        return "TEXT cpu_utilization=" + fraction(snapshot.batchUtilization())
                + ", named_metrics.queue=" + snapshot.waiting()
                + ", named_metrics.running=" + snapshot.running()
                + ", named_metrics.kv_cache=" + fraction(snapshot.kvCacheUsage());
    }

    private static String fraction(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
