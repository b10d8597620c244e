package dev.infergate.gateway.control;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Validates one named section of the live configuration (a policy set such as tenants or limits).
 * Features register one bean per section they own; a section nobody registered is refused.
 */
public interface SectionValidator {

    /** The section's name in the document's {@code sections}. */
    String section();

    /** Every problem of the section, with pointers below {@code pointer}; empty when valid. */
    List<ConfigurationProblem> validate(JsonNode section, String pointer);
}
