package dev.infergate.routing.core.admission;

/**
 * Settles a token limit once the real usage is known: admission charged {@code charged} tokens
 * (the estimate); the request used {@code used}. The difference {@code used - charged} is charged
 * when positive (the bucket may go into debt, so the tenant's next requests wait for it) and
 * refunded when negative (never above the bucket's capacity).
 */
public record Reconciliation(long charged, long used) {

    public Reconciliation {
        if (charged < 0 || used < 0) {
            throw new IllegalArgumentException("reconciliation: charged " + charged + ", used " + used + " (expected: >= 0)");
        }
    }

    /** {@code used - charged}: positive to charge, negative to refund. */
    public long difference() {
        return used - charged;
    }

    /** Tokens to take from the bucket in addition: {@code max(0, used - charged)}. */
    public long extraCharge() {
        return Math.max(0, used - charged);
    }

    /** Tokens to give back: {@code max(0, charged - used)}. */
    public long refund() {
        return Math.max(0, charged - used);
    }
}
