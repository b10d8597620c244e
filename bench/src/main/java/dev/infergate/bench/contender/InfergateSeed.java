package dev.infergate.bench.contender;

/**
 * The live configuration Infergate starts from in a benchmark: one static pool holding the backend
 * and one route sending every path to it, with the given policies.
 */
final class InfergateSeed {

    private InfergateSeed() {
    }

    static String yaml(String backendAddress, InfergatePolicies policies) {
        StringBuilder text = new StringBuilder()
                .append("pools:\n")
                .append("  - name: bench\n")
                .append("    strategy: ").append(policies.strategy()).append('\n')
                .append("    static: [\"").append(backendAddress).append("\"]\n")
                .append("routes:\n")
                .append("  - id: bench\n")
                .append("    uri: lb://bench\n")
                .append("    predicates:\n")
                .append("      - Path=/**\n");
        policies.split().forEach(line -> text.append("    ").append(line).append('\n'));
        if (!policies.filters().isEmpty()) {
            text.append("    filters:\n");
            policies.filters().forEach(filter -> text.append("      - \"").append(filter.replace("\"", "\\\"")).append("\"\n"));
        }
        if (policies.sections().isEmpty()) {
            text.append("sections: {}\n");
        } else {
            text.append("sections:\n");
            policies.sections().forEach((name, body) -> {
                text.append("  ").append(name).append(":\n");
                body.lines().forEach(line -> text.append("    ").append(line).append('\n'));
            });
        }
        return text.toString();
    }
}
