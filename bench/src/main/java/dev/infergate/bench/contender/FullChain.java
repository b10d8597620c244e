package dev.infergate.bench.contender;

import java.util.List;
import java.util.Map;

/**
 * What Infergate's "full chain" contender and its rate-limit contenders run on the one benchmark
 * route. The full chain is every policy Infergate has: extend it when a policy lands (a route
 * filter in its shortcut form, a section of the live configuration), so that the benchmark keeps
 * measuring all of them; the table prints the description.
 *
 * <p>Limits are sized so that they never refuse during a benchmark (a billion requests an hour):
 * what is measured is the cost of asking the bucket, not of answering 429. The load tools send no
 * API key, so admission runs with {@code key: optional} and a route-scoped limit, the path every
 * anonymous request of a limited route takes; a keyed request adds one SHA-256 over the key.
 */
public final class FullChain {

    static final String LIMIT = "bench-requests";

    private static final String LIMITS_SECTION = """
            definitions:
              %s:
                per: route
                failure: fail-open
                bandwidths:
                  - {capacity: 1000000000, period: 1h}
            """.formatted(LIMIT);

    private FullChain() {
    }

    /** Every policy: admission with a request limit, a traffic split, retries, timeouts, outlier detection, capacity picking. */
    static InfergatePolicies all() {
        return new InfergatePolicies("capacity",
                List.of("Admission=optional," + LIMIT, "AdaptiveRetry=bench", "Timeouts=10s,30s"),
                List.of("split:",
                        "  destinations:",
                        "    - {name: stable, uri: \"lb://bench\", weight: 90}",
                        "    - {name: canary, uri: \"lb://bench\", weight: 10}"),
                Map.of("limits", LIMITS_SECTION,
                        "retry-policies", "bench:\n  max-attempts: 2\n",
                        "outlier-detection", "bench:\n  consecutive-failures: 5\n"),
                "admission (route request limit, in memory), traffic split 90/10, adaptive retry, timeouts,"
                        + " outlier detection, capacity picker; always on: " + InfergatePolicies.ALWAYS_ON);
    }

    /** Only admission with a route request limit, in the given store. */
    static InfergatePolicies limitOnly(String store) {
        return new InfergatePolicies("round-robin", List.of("Admission=optional," + LIMIT), List.of(),
                Map.of("limits", LIMITS_SECTION),
                "admission (route request limit, " + store + "); always on: " + InfergatePolicies.ALWAYS_ON);
    }
}
