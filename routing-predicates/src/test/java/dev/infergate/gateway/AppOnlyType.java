package dev.infergate.gateway;

/** Stands in for an application type, for the architecture canary only. */
public final class AppOnlyType {
}
