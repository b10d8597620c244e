package dev.infergate.bench.contender;

import java.util.List;

/**
 * The live configuration of the routing-quality sets' Infergate: one static pool per strategy, each
 * over the same endpoints with the strategy's default settings, and one route per pool for
 * {@code /v1/**} requests whose {@code header} names the strategy. The {@code prefix-affinity} route
 * caches the request body, which that strategy reads the prompt from. {@code GET /v1/models} without
 * the header goes to the round-robin pool, for the readiness check.
 */
final class InfergatePoolsSeed {

    private InfergatePoolsSeed() {
    }

    static String yaml(List<String> endpoints, List<String> strategies, String header) {
        String addresses = String.join(", ", endpoints.stream().map(address -> "\"" + address + "\"").toList());
        StringBuilder text = new StringBuilder("pools:\n");
        strategies.forEach(strategy -> text
                .append("  - name: rq-").append(strategy).append('\n')
                .append("    strategy: ").append(strategy).append('\n')
                .append("    static: [").append(addresses).append("]\n"));
        text.append("routes:\n");
        strategies.forEach(strategy -> {
            text.append("  - id: rq-").append(strategy).append('\n')
                    .append("    uri: lb://rq-").append(strategy).append('\n')
                    .append("    predicates:\n")
                    .append("      - Path=/v1/**\n")
                    .append("      - \"Header=").append(header).append(", ").append(strategy).append("\"\n");
            if (strategy.equals("prefix-affinity")) {
                text.append("    filters:\n      - CachedBody\n");
            }
        });
        text.append("  - id: rq-models\n")
                .append("    uri: lb://rq-").append(strategies.contains("round-robin") ? "round-robin" : strategies.get(0)).append('\n')
                .append("    predicates:\n")
                .append("      - Path=/v1/models\n")
                .append("sections: {}\n");
        return text.toString();
    }
}
