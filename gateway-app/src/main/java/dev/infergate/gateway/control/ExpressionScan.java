package dev.infergate.gateway.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Refuses expression syntax before anything is bound. Spring Cloud Gateway evaluates arguments
 * of the form {@code #{...}} as SpEL while binding them, which is how route writes became remote
 * code execution (CVE-2022-22947); nothing in a live configuration is ever evaluated, so the
 * marker is rejected wherever it appears, in keys and values alike. {@code RewritePath}'s
 * replacement form {@code $\{name}} is not an expression and stays allowed.
 */
public final class ExpressionScan {

    static final String MARKER = "#{";

    private ExpressionScan() {
    }

    public static List<ConfigurationProblem> scan(JsonNode node, String pointer) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        walk(node, pointer, problems);
        return problems;
    }

    private static void walk(JsonNode node, String pointer, List<ConfigurationProblem> problems) {
        if (node.isString() && node.asString().contains(MARKER)) {
            problems.add(problem(pointer));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, problems);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = pointer + "/" + escape(field.getKey());
                if (field.getKey().contains(MARKER)) {
                    problems.add(problem(child));
                }
                walk(field.getValue(), child, problems);
            }
        }
    }

    private static ConfigurationProblem problem(String pointer) {
        return new ConfigurationProblem(pointer,
                "expressions (#{...}) are not allowed: nothing in the live configuration is evaluated");
    }

    /** RFC 6901 escaping of a key inside a JSON pointer. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
