package dev.infergate.bench.routing;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Finds the highest of a list of offered rates that a contender sustains (its goodput: here, the
 * rate whose TTFT p99 stays under a bound), by bisection over the list, assuming that a rate passes
 * whenever a higher one does. Measurements already made (the scenario's own load level) are fed in
 * first with {@link #record}, so they are not repeated. At most {@code ceil(log2(n + 1))} probes for
 * {@code n} rates.
 *
 * <p>Not thread-safe; one search per contender.
 */
public final class GoodputSearch {

    private final List<Double> rates;
    /** Index of the highest rate known to pass; -1 when none is known. */
    private int passed = -1;
    /** Index of the lowest rate known to fail; {@code rates.size()} when none is known. */
    private int failed;

    /** @param rates offered rates, strictly increasing */
    public GoodputSearch(List<Double> rates) {
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("rates: [] (expected: at least one)");
        }
        for (int i = 1; i < rates.size(); i++) {
            if (!(rates.get(i) > rates.get(i - 1))) {
                throw new IllegalArgumentException("rates: " + rates + " (expected: strictly increasing)");
            }
        }
        this.rates = List.copyOf(rates);
        this.failed = rates.size();
    }

    /** The next rate to measure, or empty when the answer is known. */
    public OptionalDouble next() {
        if (failed - passed <= 1) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(rates.get((passed + failed) / 2));
    }

    /** What a measurement at {@code rate} (one of the list's) showed. */
    public void record(double rate, boolean sustained) {
        int index = rates.indexOf(rate);
        if (index < 0) {
            throw new IllegalArgumentException("rate " + rate + " is not one of " + rates);
        }
        if (sustained) {
            passed = Math.max(passed, index);
        } else {
            failed = Math.min(failed, index);
        }
        if (passed >= failed) {
            // Not monotone (noise near the bound): trust the failure, which is the conservative side.
            passed = failed - 1;
        }
    }

    /** The highest rate sustained; 0 when even the lowest failed. Meaningful once {@link #next()} is empty. */
    public double goodput() {
        return passed < 0 ? 0 : rates.get(passed);
    }

    /** Whether the highest rate of the list passed, so the goodput may be higher still. */
    public boolean atCeiling() {
        return passed == rates.size() - 1;
    }
}
