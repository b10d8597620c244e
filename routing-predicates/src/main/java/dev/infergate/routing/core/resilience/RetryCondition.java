package dev.infergate.routing.core.resilience;

import java.util.Arrays;
import java.util.Optional;

/** The failures a retry policy may retry, by their configuration names. */
public enum RetryCondition {
    /** The connection to the endpoint could not be made: the request never left the gateway. */
    CONNECT_FAILURE("connect-failure"),
    /** The connection closed or reset before the response's status line arrived. */
    RESET_BEFORE_RESPONSE("reset-before-response"),
    STATUS_502("502"),
    STATUS_503("503"),
    STATUS_504("504"),
    /** 429 that says when to come back ({@code Retry-After}); a 429 without it is returned. */
    THROTTLED_WITH_RETRY_AFTER("429");

    private final String configName;

    RetryCondition(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<RetryCondition> named(String name) {
        return Arrays.stream(values()).filter(condition -> condition.configName.equals(name)).findFirst();
    }

    /** The condition of a response status, if it is one. */
    public static Optional<RetryCondition> ofStatus(int status, boolean hasRetryAfter) {
        return switch (status) {
            case 502 -> Optional.of(STATUS_502);
            case 503 -> Optional.of(STATUS_503);
            case 504 -> Optional.of(STATUS_504);
            case 429 -> hasRetryAfter ? Optional.of(THROTTLED_WITH_RETRY_AFTER) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
