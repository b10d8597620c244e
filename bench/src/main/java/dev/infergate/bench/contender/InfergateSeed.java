package dev.infergate.bench.contender;

import java.util.List;
import java.util.Map;

/**
 * The live configuration Infergate starts from in a benchmark: one static pool holding the backend
 * and one route sending every path to it, with the given route filters and sections.
 */
final class InfergateSeed {

    private InfergateSeed() {
    }

    static String yaml(String backendAddress, List<String> filters, Map<String, String> sections) {
        StringBuilder text = new StringBuilder()
                .append("pools:\n")
                .append("  - name: bench\n")
                .append("    strategy: round-robin\n")
                .append("    static: [\"").append(backendAddress).append("\"]\n")
                .append("routes:\n")
                .append("  - id: bench\n")
                .append("    uri: lb://bench\n")
                .append("    predicates:\n")
                .append("      - Path=/**\n");
        if (!filters.isEmpty()) {
            text.append("    filters:\n");
            filters.forEach(filter -> text.append("      - \"").append(filter.replace("\"", "\\\"")).append("\"\n"));
        }
        if (sections.isEmpty()) {
            text.append("sections: {}\n");
        } else {
            text.append("sections:\n");
            sections.forEach((name, body) -> {
                text.append("  ").append(name).append(":\n");
                body.lines().forEach(line -> text.append("    ").append(line).append('\n'));
            });
        }
        return text.toString();
    }
}
