package dev.infergate.gateway.control;

import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Serves the live configuration's routes to Spring Cloud Gateway and refreshes them when it
 * changes. Declaring a repository also replaces the gateway's default in-memory one: routes change
 * only through the live configuration, never through the gateway's own write path.
 */
public final class LiveRouteDefinitionRepository implements RouteDefinitionRepository {

    private final LiveConfigurationHolder holder;
    private final ApplicationEventPublisher events;

    public LiveRouteDefinitionRepository(LiveConfigurationHolder holder, ApplicationEventPublisher events) {
        this.holder = holder;
        this.events = events;
    }

    @Override
    public Flux<RouteDefinition> getRouteDefinitions() {
        return Flux.fromIterable(holder.current().routes());
    }

    @EventListener
    public void onChange(LiveConfigurationChanged change) {
        events.publishEvent(new RefreshRoutesEvent(this));
    }

    @Override
    public Mono<Void> save(Mono<RouteDefinition> route) {
        return Mono.error(new UnsupportedOperationException("routes change only through the live configuration"));
    }

    @Override
    public Mono<Void> delete(Mono<String> routeId) {
        return Mono.error(new UnsupportedOperationException("routes change only through the live configuration"));
    }
}
