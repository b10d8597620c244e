package dev.infergate.gateway.limits;

import dev.infergate.gateway.control.ConfigurationProblem;
import java.util.List;

/** A section as read: its value (built from the valid parts) and every problem found, with pointers. */
record SectionRead<T>(T value, List<ConfigurationProblem> problems) {

    SectionRead {
        problems = List.copyOf(problems);
    }
}
