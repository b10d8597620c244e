package dev.infergate.routing.admission;

import dev.infergate.routing.core.admission.LimitScope;
import org.jspecify.annotations.Nullable;

/**
 * Names the bucket a request draws from: {@code t:TENANT}, {@code r:ROUTE} or
 * {@code tr:TENANT:ROUTE}. Tenant ids and route ids are configuration, never credentials.
 */
public final class BucketKeys {

    private BucketKeys() {
    }

    /** Null when the scope needs a tenant and there is none. */
    public static @Nullable String of(LimitScope scope, @Nullable String tenant, String route) {
        return switch (scope) {
            case ROUTE -> "r:" + route;
            case TENANT -> tenant == null ? null : "t:" + tenant;
            case TENANT_ROUTE -> tenant == null ? null : "tr:" + tenant + ":" + route;
        };
    }
}
