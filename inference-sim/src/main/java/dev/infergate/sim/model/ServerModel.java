package dev.infergate.sim.model;

import java.util.OptionalLong;

/**
 * A simulated vLLM server as a discrete-event model on a virtual clock of nanoseconds.
 *
 * <h2>The step loop</h2>
 *
 * <p>The server runs steps back to back while it has work, like vLLM's engine core; an idle
 * server starts a step as soon as a request arrives. A step that starts at time {@code s}:
 *
 * <ol>
 *   <li>admits waiting requests in arrival order while a batch slot is free ({@code running <
 *       maxBatch}) and the head request's {@code prompt + maxTokens} fit into the free KV cache,
 *       reserving them; the first request that does not fit stops admission (no skipping the
 *       head). An admitted request's longest leading run of cached full prefix blocks, taken from
 *       its first {@code prompt - 1} tokens (the last token is always computed, as in vLLM),
 *       counts as computed, and those blocks become the most recently used; the prefix-cache
 *       counters grow by the prompt's tokens (queries) and the cached ones (hits);
 *   <li>gives the prefill budget ({@code prefillBudgetPerStep} prompt tokens) to the running
 *       sequences still in prefill, first come first served, each taking what it still needs;
 *       every sequence past its prefill decodes one token;
 *   <li>lasts {@code (stepOverhead + prefillCostPerToken × prefill tokens + decodeCostPerSeq ×
 *       decoding sequences) / speed}, rounded to the nearest nanosecond ({@link StepCost}), at
 *       the speed in force when the step starts.
 * </ol>
 *
 * <p>When the step ends at {@code e}: a sequence whose prefill completed emits token 0 (its time
 * to first token is {@code e - arrival}) and puts its full prompt blocks into the prefix cache;
 * every decoding sequence emits its next token; a sequence that emitted {@code maxTokens} tokens
 * completes and releases its slot and KV reservation. The next step starts at {@code e}.
 *
 * <h2>Time</h2>
 *
 * <p>The model never reads a clock: {@link #submit} happens at {@link #now()}, and {@link
 * #advanceTo} moves {@code now} forward, running every step that ends at or before the target.
 * A step starting at {@code s} is composed when the model is advanced past {@code s}, so it
 * admits every request submitted at or before {@code s}. Create one model per server; a model
 * is not thread-safe (see {@link RealtimeDriver} for a live server).
 */
public interface ServerModel {

    /** A model of {@code spec}'s server, idle at time 0. */
    static ServerModel create(ServerSpec spec) {
        return new StepLoopModel(spec);
    }

    ServerSpec spec();

    /** The current model time in nanoseconds; starts at 0. */
    long now();

    /**
     * Queues {@code request}, arriving at {@link #now()}.
     *
     * @return {@link Submission.Accepted} with a handle to cancel it, or {@link
     *     Submission.Rejected} when {@code prompt + maxTokens} exceeds the KV-cache capacity
     */
    Submission submit(GenerationRequest request, SequenceListener listener);

    /**
     * Runs every step that ends at or before {@code nanos}, calling listeners in time order, then
     * sets {@link #now()} to {@code nanos}.
     *
     * @throws IllegalArgumentException when {@code nanos} is before {@link #now()}
     * @throws IllegalStateException when called from a listener
     */
    void advanceTo(long nanos);

    /**
     * When the next step ends, given the requests submitted so far, or empty when the server is
     * idle. Has no side effects; a request submitted at {@code now()} before the pending step
     * starts may change the answer.
     */
    OptionalLong nextEventNanos();

    /**
     * Changes the speed of every step that starts from now on; the step in progress keeps its
     * end.
     *
     * @throws IllegalArgumentException when {@code speed} is not positive and finite
     */
    void setSpeed(double speed);

    double speed();

    /** The state and counters at {@link #now()}. */
    Snapshot snapshot();
}
