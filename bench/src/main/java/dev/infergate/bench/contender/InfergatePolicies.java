package dev.infergate.bench.contender;

import java.util.List;
import java.util.Map;

/**
 * What an Infergate contender's one benchmark route runs, written into its live configuration by
 * {@link InfergateSeed}.
 *
 * @param strategy the pool's balancing strategy
 * @param filters route filters in their shortcut form, in order
 * @param split the route's {@code split} as YAML lines relative to the route (none when empty)
 * @param sections sections of the live configuration: name to a YAML mapping
 * @param description what the table prints in the policies column
 */
record InfergatePolicies(String strategy, List<String> filters, List<String> split, Map<String, String> sections,
        String description) {

    /** Policies every Infergate route runs whatever its configuration. */
    static final String ALWAYS_ON = "request body limit (1 MiB), metrics, tracing, access log";

    /** No policy configured: one pool picked round-robin, only what is always on. */
    static InfergatePolicies none() {
        return new InfergatePolicies("round-robin", List.of(), List.of(), Map.of(), "none configured; always on: " + ALWAYS_ON);
    }
}
