package dev.infergate.routing.core.admission;

/** Whose bucket a request draws from: one per tenant, one per route, or one per tenant and route. */
public enum LimitScope {
    TENANT("tenant"),
    ROUTE("route"),
    TENANT_ROUTE("tenant-route");

    private final String configName;

    LimitScope(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** True when the bucket key includes the tenant, so the request needs an identified client. */
    public boolean needsTenant() {
        return this != ROUTE;
    }
}
