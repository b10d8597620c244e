package dev.infergate.gateway.limits;

import dev.infergate.gateway.control.ConfigurationProblem;
import dev.infergate.routing.admission.ClientIdentity;
import dev.infergate.routing.admission.Plan;
import dev.infergate.routing.admission.TenantDirectory;
import dev.infergate.routing.core.admission.ApiKeyHash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code tenants} section:
 *
 * <pre>
 * tenants:
 *   plans:
 *     free: {priority: standard, limits: [free-requests, free-tokens]}
 *   tenants:
 *     acme: {plan: free, keys: ["sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"]}
 * </pre>
 *
 * Keys are only ever configured as hashes ({@link ApiKeyHash}); a value of another form is refused
 * without being repeated in the message, since it may be a clear key pasted by mistake.
 */
final class TenantsSection {

    static final String NAME = "tenants";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Set<String> PRIORITIES = Set.of("critical", "standard", "sheddable");
    private static final String DEFAULT_PRIORITY = "standard";

    private TenantsSection() {
    }

    static SectionRead<TenantDirectory> read(JsonNode section, String pointer) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        if (!section.isObject()) {
            problems.add(new ConfigurationProblem(pointer, "expected an object with plans and tenants"));
            return new SectionRead<>(TenantDirectory.empty(), problems);
        }
        for (String name : section.propertyNames()) {
            if (!name.equals("plans") && !name.equals("tenants")) {
                problems.add(new ConfigurationProblem(pointer + "/" + name, "unknown member " + name + "; expected plans or tenants"));
            }
        }
        Map<String, Plan> plans = new HashMap<>();
        JsonNode planNodes = section.path("plans");
        if (!planNodes.isMissingNode() && !planNodes.isObject()) {
            problems.add(new ConfigurationProblem(pointer + "/plans", "expected an object of plans by name"));
        }
        for (Map.Entry<String, JsonNode> entry : planNodes.properties()) {
            String at = pointer + "/plans/" + entry.getKey();
            JsonNode plan = entry.getValue();
            String priority = plan.path("priority").asString(DEFAULT_PRIORITY);
            if (!PRIORITIES.contains(priority)) {
                problems.add(new ConfigurationProblem(at + "/priority", "unknown priority " + priority + "; expected one of [critical, standard, sheddable]"));
            }
            List<String> limits = new ArrayList<>();
            JsonNode limitNodes = plan.path("limits");
            if (!limitNodes.isMissingNode() && !limitNodes.isArray()) {
                problems.add(new ConfigurationProblem(at + "/limits", "expected a list of limit names"));
            }
            for (JsonNode limit : limitNodes) {
                limits.add(limit.asString(""));
            }
            plans.put(entry.getKey(), new Plan(entry.getKey(), priority, limits));
        }
        Map<ApiKeyHash, ClientIdentity> keys = new HashMap<>();
        Map<ApiKeyHash, String> owners = new HashMap<>();
        JsonNode tenantNodes = section.path("tenants");
        if (!tenantNodes.isMissingNode() && !tenantNodes.isObject()) {
            problems.add(new ConfigurationProblem(pointer + "/tenants", "expected an object of tenants by id"));
        }
        for (Map.Entry<String, JsonNode> entry : tenantNodes.properties()) {
            String tenant = entry.getKey();
            String at = pointer + "/tenants/" + tenant;
            if (!ID.matcher(tenant).matches()) {
                problems.add(new ConfigurationProblem(at, "tenant id " + tenant + "; expected 1 to 63 of A-Z, a-z, 0-9, '.', '_' and '-'"));
            }
            String planName = entry.getValue().path("plan").asString("");
            Plan plan = plans.get(planName);
            if (plan == null) {
                problems.add(new ConfigurationProblem(at + "/plan", "unknown plan " + planName + "; expected one of "
                        + plans.keySet().stream().sorted().toList()));
                continue;
            }
            JsonNode keyNodes = entry.getValue().path("keys");
            if (!keyNodes.isArray() || keyNodes.isEmpty()) {
                problems.add(new ConfigurationProblem(at + "/keys", "expected a non-empty list of API key hashes"));
            }
            for (int i = 0; i < keyNodes.size(); i++) {
                String text = keyNodes.get(i).asString("");
                if (!ApiKeyHash.isValid(text)) {
                    problems.add(new ConfigurationProblem(at + "/keys/" + i, "not an API key hash; expected \"sha256:\" and the 64 lowercase "
                            + "hex digits of SHA-256 over the key (printf %s \"$KEY\" | sha256sum); clear keys are never accepted"));
                    continue;
                }
                ApiKeyHash hash = new ApiKeyHash(text);
                String owner = owners.putIfAbsent(hash, tenant);
                if (owner != null) {
                    problems.add(new ConfigurationProblem(at + "/keys/" + i, "this key hash is also a key of tenant " + owner));
                    continue;
                }
                keys.put(hash, new ClientIdentity(tenant, plan.name(), plan.priority()));
            }
        }
        return new SectionRead<>(new TenantDirectory(keys, plans), problems);
    }
}
