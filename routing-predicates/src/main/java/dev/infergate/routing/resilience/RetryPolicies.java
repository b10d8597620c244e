package dev.infergate.routing.resilience;

import dev.infergate.routing.core.resilience.RetryPolicy;
import java.util.Optional;

/** The retry policies of the live configuration, by name; asked on every request so that edits apply at once. */
@FunctionalInterface
public interface RetryPolicies {

    Optional<RetryPolicy> named(String name);
}
