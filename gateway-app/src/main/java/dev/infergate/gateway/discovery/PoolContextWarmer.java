package dev.infergate.gateway.discovery;

import dev.infergate.gateway.control.LiveConfiguration;
import dev.infergate.gateway.control.LiveConfigurationChanged;
import dev.infergate.gateway.control.LiveConfigurationHolder;
import dev.infergate.gateway.control.PoolDefinition;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.event.EventListener;

/**
 * Creates each pool's load-balancer context before any request needs it.
 *
 * <p>Spring Cloud LoadBalancer builds a pool's child application context on the first request
 * for it, which reads class files: blocking work that must not run on an event loop. Pools are
 * therefore warmed when the gateway starts (before the server accepts connections) and whenever a
 * new configuration becomes live, on the thread that makes it live, which is never an event loop.
 */
public final class PoolContextWarmer implements SmartInitializingSingleton {

    private final LoadBalancerClientFactory clients;
    private final LiveConfigurationHolder holder;

    public PoolContextWarmer(LoadBalancerClientFactory clients, LiveConfigurationHolder holder) {
        this.clients = clients;
        this.holder = holder;
    }

    @Override
    public void afterSingletonsInstantiated() {
        warm(holder.current());
    }

    @EventListener
    public void onChange(LiveConfigurationChanged change) {
        warm(change.configuration());
    }

    private void warm(LiveConfiguration configuration) {
        for (PoolDefinition pool : configuration.pools()) {
            clients.getInstance(pool.name());
        }
    }
}
