package dev.infergate.bench.load;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one open-loop run; every figure covers the measured window only (requests due
 * after the warm-up).
 *
 * @param offeredPerSecond the schedule's rate
 * @param achievedPerSecond successful answers per second of the measured window
 * @param sent requests sent
 * @param ok answers with status 200 (and the expected body, when one was given)
 * @param failed errors, other statuses, wrong bodies and requests unanswered when the run ended
 * @param latency from each request's due time to its complete answer, successful answers only
 * @param sendLagP99Micros how late the generator sent (p99); above a millisecond the generator,
 *     not the system under test, limited the run
 * @param connections the size of the generator's connection pool
 * @param firstFailure what went wrong first, for a diagnosis
 */
public record LoadReport(double offeredPerSecond, double achievedPerSecond, long sent, long ok, long failed,
        LatencySummary latency, double sendLagP99Micros, int connections, @Nullable String firstFailure) {
}
