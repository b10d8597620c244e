package dev.infergate.gateway.control;

/** A commit expected a version that is no longer the current one: someone else wrote first. */
public final class StaleVersionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StaleVersionException(long expected, long current) {
        super("expected version " + expected + " but the current version is " + current, null, false, false);
    }
}
