package dev.infergate.gateway.control;

import java.util.List;

/**
 * Checks references across the document that no single part can check alone, such as a route
 * naming a policy of a section. Features register one bean per kind of reference they own.
 */
@FunctionalInterface
public interface ReferenceValidator {

    /** Every dangling reference, with pointers into the document; empty when all resolve. */
    List<ConfigurationProblem> validate(LiveConfiguration configuration);
}
