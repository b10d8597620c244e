package dev.infergate.gateway.discovery;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The per-pool child context Spring Cloud LoadBalancer creates for each {@code lb://pool}: the
 * pool's endpoints come from the {@link EndpointRegistry}; picking is round-robin.
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
    ReactorLoadBalancer<ServiceInstance> poolLoadBalancer(Environment environment,
            ObjectProvider<ServiceInstanceListSupplier> instances) {
        return new RoundRobinLoadBalancer(instances, poolName(environment));
    }

    private static String poolName(Environment environment) {
        return environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
    }
}
