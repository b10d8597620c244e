package dev.infergate.routing.admission;

/**
 * Who sent a request, as client identity resolved it.
 *
 * @param tenant the tenant id (configuration data, not a secret; it may appear in logs)
 * @param plan the tenant's plan, naming its limits
 * @param priority the plan's priority class, for load shedding
 */
public record ClientIdentity(String tenant, String plan, String priority) {

    /** Exchange attribute holding the {@link ClientIdentity} of an identified request. */
    public static final String ATTRIBUTE = "infergate.identity";
}
