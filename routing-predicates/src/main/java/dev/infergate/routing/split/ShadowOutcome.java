package dev.infergate.routing.split;

import java.util.concurrent.TimeoutException;

/**
 * How one shadow request ended, as metric tags: {@code outcome} is {@code success} (1xx to 3xx),
 * {@code client-error}, {@code server-error}, {@code timeout}, {@code unresolved} (no endpoint for
 * the shadow) or {@code error} (connection failures); {@code status} is the HTTP status or {@code none}.
 */
record ShadowOutcome(String outcome, String status) {

    static final ShadowOutcome NO_RESPONSE = new ShadowOutcome("error", "none");

    static ShadowOutcome of(int status) {
        String outcome = status >= 500 ? "server-error" : status >= 400 ? "client-error" : "success";
        return new ShadowOutcome(outcome, Integer.toString(status));
    }

    static ShadowOutcome of(Throwable error) {
        if (error instanceof TimeoutException) {
            return new ShadowOutcome("timeout", "none");
        }
        if (error instanceof ShadowUnresolvedException) {
            return new ShadowOutcome("unresolved", "none");
        }
        return NO_RESPONSE;
    }
}
