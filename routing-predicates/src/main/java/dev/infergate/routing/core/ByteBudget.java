package dev.infergate.routing.core;

/**
 * Counts bytes against a fixed cap, for bodies whose length is only known as they arrive.
 *
 * <p>Not thread-safe: one budget follows one body, whose chunks arrive in order.
 */
public final class ByteBudget {

    /** What adding a chunk did to the budget. */
    public enum Outcome { WITHIN, EXCEEDED }

    private final long maxBytes;
    private long consumed;

    public ByteBudget(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= 0)");
        }
        this.maxBytes = maxBytes;
    }

    public Outcome consume(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes: " + bytes + " (expected: >= 0)");
        }
        consumed += bytes;
        return consumed > maxBytes ? Outcome.EXCEEDED : Outcome.WITHIN;
    }

    /** Whether a body that announces its length in advance is over the cap before any byte is read. */
    public Outcome admitsDeclared(long declaredLength) {
        return declaredLength > maxBytes ? Outcome.EXCEEDED : Outcome.WITHIN;
    }

    public long consumed() {
        return consumed;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
