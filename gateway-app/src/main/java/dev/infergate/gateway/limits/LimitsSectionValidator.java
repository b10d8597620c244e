package dev.infergate.gateway.limits;

import dev.infergate.gateway.control.ConfigurationProblem;
import dev.infergate.gateway.control.SectionValidator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Registers and validates the {@code limits} section ({@link LimitsSection}). */
public final class LimitsSectionValidator implements SectionValidator {

    @Override
    public String section() {
        return LimitsSection.NAME;
    }

    @Override
    public List<ConfigurationProblem> validate(JsonNode section, String pointer) {
        return LimitsSection.read(section, pointer).problems();
    }
}
