package dev.infergate.sim.model;

/**
 * The duration of one step of the loop, in nanoseconds:
 *
 * <pre>
 * max(1, round((stepOverhead + prefillCostPerToken × prefillTokens
 *               + decodeCostPerSeq × decodingSequences) / speed))
 * </pre>
 *
 * <p>The numerator is exact integer nanoseconds; the division is one IEEE double division and
 * {@code round} is {@link Math#round(double)} (halves round up). At speed 1 or 0.5 the result is
 * therefore exact.
 */
final class StepCost {

    private StepCost() {}

    static long nanos(ServerSpec spec, double speed, int prefillTokens, int decodingSequences) {
        long work = Math.addExact(spec.stepOverhead().toNanos(), Math.addExact(
                Math.multiplyExact(spec.prefillCostPerToken().toNanos(), prefillTokens),
                Math.multiplyExact(spec.decodeCostPerSeq().toNanos(), decodingSequences)));
        return Math.max(1, Math.round(work / speed));
    }
}
