package dev.infergate.routing.admission;

import dev.infergate.routing.core.admission.ApiKeyHash;
import java.util.Map;
import java.util.Optional;

/** The {@code tenants} section as the data plane reads it: key hashes to identities, plans by name. */
public record TenantDirectory(Map<ApiKeyHash, ClientIdentity> keys, Map<String, Plan> plans) {

    public TenantDirectory {
        keys = Map.copyOf(keys);
        plans = Map.copyOf(plans);
    }

    public static TenantDirectory empty() {
        return new TenantDirectory(Map.of(), Map.of());
    }

    public Optional<ClientIdentity> identify(ApiKeyHash key) {
        return Optional.ofNullable(keys.get(key));
    }

    public Optional<Plan> plan(String name) {
        return Optional.ofNullable(plans.get(name));
    }
}
