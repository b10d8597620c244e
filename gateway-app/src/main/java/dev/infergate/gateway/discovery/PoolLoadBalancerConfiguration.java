package dev.infergate.gateway.discovery;

import dev.infergate.gateway.control.LiveConfigurationHolder;
import dev.infergate.gateway.control.PoolDefinition;
import dev.infergate.routing.balancer.EndpointPicker;
import dev.infergate.routing.core.balance.EndpointHealth;
import dev.infergate.routing.core.balance.LoadSignals;
import dev.infergate.routing.core.balance.StrategyCache;
import java.util.Map;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The per-pool child context Spring Cloud LoadBalancer creates for each {@code lb://pool}: the
 * pool's endpoints come from the {@link EndpointRegistry}; the {@link EndpointPicker} chooses with
 * the strategy the live configuration names for the pool now, so a strategy switch applies to the
 * next request without a restart.
 *
 * <p>Deliberately not a {@code @Configuration}: it must live only in the per-pool contexts, never
 * in the application context that component scanning builds.
 */
public class PoolLoadBalancerConfiguration {

    @Bean
    ServiceInstanceListSupplier poolInstances(Environment environment, EndpointRegistry registry) {
        return new PoolInstanceListSupplier(poolName(environment), registry);
    }

    @Bean
    ReactorLoadBalancer<ServiceInstance> poolLoadBalancer(Environment environment, ServiceInstanceListSupplier instances,
            LiveConfigurationHolder holder, LoadSignals signals, EndpointHealth health) {
        String pool = poolName(environment);
        StrategyCache strategies = new StrategyCache();
        return new EndpointPicker(pool, instances, () -> holder.current().pool(pool)
                .map(definition -> strategies.get(definition.strategy(), definition.settings()))
                .orElseGet(() -> strategies.get(PoolDefinition.DEFAULT_STRATEGY, Map.of())), signals, health);
    }

    private static String poolName(Environment environment) {
        return environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
    }
}
