package dev.infergate.gateway.observability;

import dev.infergate.gateway.control.ConfigVersion;
import dev.infergate.gateway.control.ConfigStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/** {@code liveConfiguration}: part of readiness; UP with the version the gateway serves. */
public final class LiveConfigurationHealthIndicator implements ReactiveHealthIndicator {

    private final ConfigStore store;

    public LiveConfigurationHealthIndicator(ConfigStore store) {
        this.store = store;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(() -> {
            ConfigVersion current = store.current();
            return Health.up().withDetail("version", current.number()).withDetail("contentHash", current.contentHash()).build();
        });
    }
}
