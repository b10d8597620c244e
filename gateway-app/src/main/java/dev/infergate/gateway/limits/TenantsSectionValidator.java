package dev.infergate.gateway.limits;

import dev.infergate.gateway.control.ConfigurationProblem;
import dev.infergate.gateway.control.SectionValidator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Registers and validates the {@code tenants} section ({@link TenantsSection}). */
public final class TenantsSectionValidator implements SectionValidator {

    @Override
    public String section() {
        return TenantsSection.NAME;
    }

    @Override
    public List<ConfigurationProblem> validate(JsonNode section, String pointer) {
        return TenantsSection.read(section, pointer).problems();
    }
}
