package dev.infergate.gateway.limits;

import dev.infergate.gateway.control.ConfigurationProblem;
import dev.infergate.routing.admission.LimitCatalog;
import dev.infergate.routing.core.admission.Bandwidth;
import dev.infergate.routing.core.admission.Durations;
import dev.infergate.routing.core.admission.FailurePolicy;
import dev.infergate.routing.core.admission.LimitDefinition;
import dev.infergate.routing.core.admission.LimitScope;
import dev.infergate.routing.core.admission.LimitUnit;
import dev.infergate.routing.core.admission.Refill;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code limits} section:
 *
 * <pre>
 * limits:
 *   replicas: 3                 # fail-open fallback buckets hold the limit / 3 (default 1)
 *   default-max-tokens: 256     # completion tokens estimated when a request names none
 *   definitions:
 *     free-requests:
 *       unit: requests          # requests (default) | tokens
 *       per: tenant             # tenant (default) | route | tenant-route
 *       failure: fail-open      # fail-open (default) | fail-closed
 *       bandwidths:
 *         - {capacity: 40, refill: 20, period: 1s}     # 20/s, bursts of 40
 *         - {capacity: 10000, period: 1d}              # refill defaults to capacity
 *     llama-tokens: {unit: tokens, model: llama-3-8b-instruct, bandwidths: [{capacity: 100000, period: 1h, kind: intervally}]}
 * </pre>
 */
final class LimitsSection {

    static final String NAME = "limits";

    private LimitsSection() {
    }

    static SectionRead<LimitCatalog> read(JsonNode section, String pointer) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        if (!section.isObject()) {
            problems.add(new ConfigurationProblem(pointer, "expected an object with replicas, default-max-tokens and definitions"));
            return new SectionRead<>(LimitCatalog.empty(), problems);
        }
        for (String name : section.propertyNames()) {
            if (!List.of("replicas", "default-max-tokens", "definitions").contains(name)) {
                problems.add(new ConfigurationProblem(pointer + "/" + name,
                        "unknown member " + name + "; expected replicas, default-max-tokens or definitions"));
            }
        }
        int replicas = (int) count(section, "replicas", LimitCatalog.DEFAULT_REPLICAS, 1, 1000, pointer, problems);
        long defaultMaxTokens = count(section, "default-max-tokens", LimitCatalog.DEFAULT_MAX_TOKENS, 0, 10_000_000, pointer, problems);
        Map<String, LimitDefinition> limits = new HashMap<>();
        JsonNode definitions = section.path("definitions");
        if (!definitions.isMissingNode() && !definitions.isObject()) {
            problems.add(new ConfigurationProblem(pointer + "/definitions", "expected an object of limits by name"));
        }
        for (Map.Entry<String, JsonNode> entry : definitions.properties()) {
            definition(entry.getKey(), entry.getValue(), pointer + "/definitions/" + entry.getKey(), problems)
                    .ifPresent(limit -> limits.put(limit.name(), limit));
        }
        return new SectionRead<>(new LimitCatalog(limits, replicas, defaultMaxTokens), problems);
    }

    private static Optional<LimitDefinition> definition(String name, JsonNode node, String at, List<ConfigurationProblem> problems) {
        int before = problems.size();
        LimitUnit unit = choice(node, "unit", LimitUnit.REQUESTS, LimitUnit.values(), LimitUnit::configName, at, problems);
        LimitScope scope = choice(node, "per", LimitScope.TENANT, LimitScope.values(), LimitScope::configName, at, problems);
        FailurePolicy failure = choice(node, "failure", FailurePolicy.FAIL_OPEN, FailurePolicy.values(), FailurePolicy::configName, at,
                problems);
        String model = node.has("model") ? node.get("model").asString("") : null;
        List<Bandwidth> bandwidths = new ArrayList<>();
        JsonNode nodes = node.path("bandwidths");
        if (!nodes.isArray() || nodes.isEmpty()) {
            problems.add(new ConfigurationProblem(at + "/bandwidths", "expected a non-empty list of bandwidths"));
        }
        for (int i = 0; i < nodes.size(); i++) {
            bandwidth(nodes.get(i), at + "/bandwidths/" + i, problems).ifPresent(bandwidths::add);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LimitDefinition(name, unit, scope, bandwidths, failure, model));
        } catch (IllegalArgumentException invalid) {
            problems.add(new ConfigurationProblem(at, invalid.getMessage()));
            return Optional.empty();
        }
    }

    private static Optional<Bandwidth> bandwidth(JsonNode node, String at, List<ConfigurationProblem> problems) {
        int before = problems.size();
        long capacity = count(node, "capacity", -1, 1, Long.MAX_VALUE / 2, at, problems);
        if (!node.has("capacity")) {
            problems.add(new ConfigurationProblem(at + "/capacity", "missing; expected a whole number >= 1"));
        }
        long refill = count(node, "refill", Math.max(1, capacity), 1, Long.MAX_VALUE / 2, at, problems);
        Duration period = null;
        String periodText = node.path("period").asString("");
        Optional<Duration> parsed = Durations.parse(periodText);
        if (parsed.isEmpty()) {
            problems.add(new ConfigurationProblem(at + "/period", "period " + periodText + "; expected a whole number and a unit: "
                    + "500ms, 1s, 5m, 1h, 1d"));
        } else {
            period = parsed.get();
        }
        Refill kind = choice(node, "kind", Refill.GREEDY, Refill.values(), Refill::configName, at, problems);
        if (problems.size() > before || period == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Bandwidth(capacity, refill, period, kind));
        } catch (IllegalArgumentException invalid) {
            problems.add(new ConfigurationProblem(at, invalid.getMessage()));
            return Optional.empty();
        }
    }

    private static long count(JsonNode node, String field, long fallback, long min, long max, String at,
            List<ConfigurationProblem> problems) {
        JsonNode value = node.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            problems.add(new ConfigurationProblem(at + "/" + field, field + " " + value + "; expected a whole number from " + min
                    + " to " + max));
            return fallback;
        }
        return value.asLong();
    }

    private static <E extends Enum<E>> E choice(JsonNode node, String field, E fallback, E[] values, Function<E, String> names,
            String at, List<ConfigurationProblem> problems) {
        @Nullable JsonNode value = node.get(field);
        if (value == null) {
            return fallback;
        }
        for (E candidate : values) {
            if (names.apply(candidate).equals(value.asString(""))) {
                return candidate;
            }
        }
        problems.add(new ConfigurationProblem(at + "/" + field, field + " " + value + "; expected one of "
                + Arrays.stream(values).map(names).toList()));
        return fallback;
    }
}
