package dev.infergate.routing.core.canary;

import dev.infergate.gateway.AppOnlyType;

/** Breaks the module rule on purpose: the architecture canary must reject it. */
public final class AppCoupledFilter {

    public String name(AppOnlyType type) {
        return type.toString();
    }
}
