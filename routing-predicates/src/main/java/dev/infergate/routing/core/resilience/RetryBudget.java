package dev.infergate.routing.core.resilience;

import dev.infergate.routing.core.balance.NanoClock;

/**
 * A retry budget in the manner of Finagle's and Envoy's: retries are allowed while they stay a
 * small share of recent requests, so that retries cannot multiply the load of a failing upstream.
 *
 * <p>Over a sliding window of {@code W} seconds (kept in one-second slots on the injected clock; a
 * slot leaves the window whole when its second is {@code W} seconds old):
 *
 * <pre>
 * a retry is granted  iff  retries + 1 ≤ ratio × requests + min-per-second × W
 * </pre>
 *
 * where {@code requests} counts {@link #recordRequest()} calls (one per original request, never
 * per retry) and {@code retries} the retries granted, both within the window. A granted retry is
 * counted at once. Thread-safe (one lock per budget; callers hold it for a few arithmetic steps).
 *
 * <p>Resilience4j's {@code Retry} has attempts and backoff but no budget shared by requests, which
 * is the whole point here, hence this small class.
 */
public final class RetryBudget {

    private static final long SLOT_NANOS = 1_000_000_000L;

    private final RetryBudgetSettings settings;
    private final NanoClock clock;
    private final int slots;
    private final long[] epochs;
    private final long[] requests;
    private final long[] retries;

    public RetryBudget(RetryBudgetSettings settings, NanoClock clock) {
        this.settings = settings;
        this.clock = clock;
        this.slots = (int) settings.window().toSeconds();
        this.epochs = new long[slots];
        this.requests = new long[slots];
        this.retries = new long[slots];
        java.util.Arrays.fill(epochs, Long.MIN_VALUE);
    }

    public RetryBudgetSettings settings() {
        return settings;
    }

    /** Counts one original request. */
    public synchronized void recordRequest() {
        requests[slot()]++;
    }

    /** Grants and counts one retry if the budget allows it. */
    public synchronized BudgetDecision tryRetry() {
        int current = slot();
        long retried = sum(retries);
        long requested = sum(requests);
        double allowed = settings.ratio() * requested + settings.minimumAllowance();
        if (retried + 1 > allowed) {
            return new BudgetDecision.Exhausted(retried, requested, allowed);
        }
        retries[current]++;
        return new BudgetDecision.Granted(retried + 1, requested);
    }

    /** Gives back a granted retry that was not made after all (another budget refused it). */
    public synchronized void cancelRetry() {
        int current = slot();
        for (int i = 0; i < slots; i++) {
            int index = Math.floorMod(current - i, slots);
            if (retries[index] > 0) {
                retries[index]--;
                return;
            }
        }
    }

    /** The slot of now, emptied if it held an older second. */
    private int slot() {
        long epoch = Math.floorDiv(clock.nanoTime(), SLOT_NANOS);
        int index = (int) Math.floorMod(epoch, (long) slots);
        if (epochs[index] != epoch) {
            epochs[index] = epoch;
            requests[index] = 0;
            retries[index] = 0;
        }
        return index;
    }

    private long sum(long[] counts) {
        long now = Math.floorDiv(clock.nanoTime(), SLOT_NANOS);
        long total = 0;
        for (int i = 0; i < slots; i++) {
            if (now - epochs[i] < slots) {
                total += counts[i];
            }
        }
        return total;
    }
}
