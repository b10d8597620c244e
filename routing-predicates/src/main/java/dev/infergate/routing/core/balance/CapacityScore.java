package dev.infergate.routing.core.balance;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * The score of {@link CapacitySettings}, lower is better, for each candidate {@code i} among
 * {@code candidates}:
 *
 * <pre>
 * capacity_i = the candidate's capacity, else default-capacity
 * queue_i    = waiting_i / capacity_i          (0 without fresh backend load)
 * kv_i       = kvCacheUsage_i                  (0 without fresh backend load)
 * inFlight_i = inFlight_i / capacity_i
 * latency_i  = (ttfb_i − min ttfb) / (max ttfb − min ttfb) over the candidates that have a
 *              time-to-first-byte average; 0 for those that have none, and 0 when all are equal
 * errors_i   = errorRate_i
 * score_i    = Σ weight × term
 * </pre>
 *
 * Unknown backend values count as 0, so an endpoint without a scrape is judged on its local
 * signals; an endpoint never measured gets latency 0, so a new endpoint receives traffic and is
 * measured. Latency is normalized over the candidates because its scale (milliseconds for a short
 * completion, seconds for a long prompt) says nothing by itself; only the spread between endpoints
 * does.
 */
final class CapacityScore {

    private CapacityScore() {
    }

    static double[] scores(List<Candidate> candidates, CapacitySettings settings) {
        CapacitySettings.Weights weights = settings.weights();
        double fastest = Double.POSITIVE_INFINITY;
        double slowest = Double.NEGATIVE_INFINITY;
        for (Candidate candidate : candidates) {
            OptionalDouble ttfb = candidate.load().local().firstByteMillis();
            if (ttfb.isPresent()) {
                fastest = Math.min(fastest, ttfb.getAsDouble());
                slowest = Math.max(slowest, ttfb.getAsDouble());
            }
        }
        double spread = slowest - fastest;
        double[] scores = new double[candidates.size()];
        for (int i = 0; i < scores.length; i++) {
            Candidate candidate = candidates.get(i);
            LoadSnapshot load = candidate.load();
            double capacity = candidate.capacityOr(settings.defaultCapacity());
            OptionalDouble ttfb = load.local().firstByteMillis();
            double latency = ttfb.isPresent() && spread > 0 ? (ttfb.getAsDouble() - fastest) / spread : 0;
            scores[i] = weights.queue() * load.waitingOrZero() / capacity
                    + weights.kvCache() * load.kvCacheUsageOrZero()
                    + weights.inFlight() * load.local().inFlight() / capacity
                    + weights.latency() * latency
                    + weights.errors() * load.local().errorRate();
        }
        return scores;
    }

    /**
     * The index of the lowest score among the indices {@code allowed} accepts (at least one must);
     * among equal lowest scores, one drawn at random, so that gateways with the same view do not
     * all pick the same endpoint.
     */
    static int lowest(double[] scores, IntPredicate allowed, RandomGenerator random) {
        double min = Double.POSITIVE_INFINITY;
        int ties = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!allowed.test(i)) {
                continue;
            }
            if (scores[i] < min) {
                min = scores[i];
                ties = 1;
            } else if (scores[i] == min) {
                ties++;
            }
        }
        if (ties == 0) {
            throw new IllegalArgumentException("no candidate allowed");
        }
        int skip = ties == 1 ? 0 : random.nextInt(ties);
        for (int i = 0; i < scores.length; i++) {
            if (allowed.test(i) && scores[i] == min && skip-- == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
