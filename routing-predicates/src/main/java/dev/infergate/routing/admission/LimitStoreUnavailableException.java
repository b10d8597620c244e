package dev.infergate.routing.admission;

/** A {@code fail-closed} limit's store could not answer: the request is refused with 503. */
public final class LimitStoreUnavailableException extends RuntimeException {

    private final String limit;

    LimitStoreUnavailableException(String limit, Throwable cause) {
        super("the rate-limit store is unavailable and limit \"" + limit + "\" fails closed", cause, false, false);
        this.limit = limit;
    }

    public String limit() {
        return limit;
    }
}
