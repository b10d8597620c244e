package dev.infergate.bench.load;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one open-loop run of streaming chat completions; every figure covers the
 * measured window only (requests due after the warm-up).
 *
 * @param offeredPerSecond the schedule's rate
 * @param sent requests sent in the measured window
 * @param ok complete streams (status 200, every token, the finish chunk and {@code [DONE]})
 * @param failed errors, other statuses, incomplete streams and streams unfinished when the run ended
 * @param ttft time to first token: from the request's due time to its first event
 * @param tpot time per output token: (last token − first token) ÷ (tokens − 1), per request
 * @param e2e from the due time to the end of the stream
 * @param normalized end to end ÷ output tokens, per request
 * @param completedPerSecond complete streams per second of the measured window
 * @param tokensPerSecond output tokens of complete streams per second of the measured window
 * @param sendLagP99Micros how late the generator sent (p99); above a millisecond the generator,
 *     not the system under test, limited the run
 * @param firstFailure what went wrong first, for a diagnosis
 */
public record ChatStreamReport(double offeredPerSecond, long sent, long ok, long failed, LatencySummary ttft,
        LatencySummary tpot, LatencySummary e2e, LatencySummary normalized, double completedPerSecond,
        double tokensPerSecond, double sendLagP99Micros, @Nullable String firstFailure) {
}
