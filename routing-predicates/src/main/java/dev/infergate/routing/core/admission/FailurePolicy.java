package dev.infergate.routing.core.admission;

/**
 * What a limit does when its shared store (Redis) cannot answer in time.
 *
 * <ul>
 *   <li>{@link #FAIL_OPEN}: the replica keeps limiting with a local bucket sized to the global
 *       limit divided by the configured replica count, so the fleet as a whole stays close to the
 *       limit while the store is away;</li>
 *   <li>{@link #FAIL_CLOSED}: the request is refused with 503 and {@code Retry-After}.</li>
 * </ul>
 */
public enum FailurePolicy {
    FAIL_OPEN("fail-open"),
    FAIL_CLOSED("fail-closed");

    private final String configName;

    FailurePolicy(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
