package dev.infergate.sim.model;

import java.util.List;

/**
 * One step as the scheduler composed it at its start: the requests it admits and the work of
 * each running sequence, in admission order.
 *
 * @param admissions waiting requests admitted at the start, in queue order
 * @param work every sequence that computes in this step; one whose {@code prefillTokens} is 0
 *     decodes a token
 */
record StepPlan(long startNanos, long endNanos, List<Admission> admissions, List<Work> work) {

    /** A waiting request admitted with {@code cachedTokens} of its prompt found in the prefix cache. */
    record Admission(Sequence sequence, int cachedTokens) {}

    /** What a sequence computes in the step: a chunk of its prompt, or (when 0) one decode. */
    record Work(Sequence sequence, int prefillTokens) {}
}
