package dev.infergate.gateway.control;

/** Published once for every configuration that becomes live. */
public record LiveConfigurationChanged(LiveConfiguration configuration) {
}
