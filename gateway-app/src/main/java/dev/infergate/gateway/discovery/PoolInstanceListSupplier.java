package dev.infergate.gateway.discovery;

import java.util.List;
import java.util.Map;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/** Spring Cloud LoadBalancer's view of one pool: the registry's endpoints at each call, uncached. */
public final class PoolInstanceListSupplier implements ServiceInstanceListSupplier {

    private final String pool;
    private final EndpointRegistry registry;

    public PoolInstanceListSupplier(String pool, EndpointRegistry registry) {
        this.pool = pool;
        this.registry = registry;
    }

    @Override
    public String getServiceId() {
        return pool;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return Flux.defer(() -> Flux.just(registry.endpoints(pool).stream()
                .<ServiceInstance>map(endpoint -> new DefaultServiceInstance(
                        pool + "-" + endpoint.address(), pool, endpoint.host(), endpoint.port(), false,
                        Map.of("zone", endpoint.zone())))
                .toList()));
    }
}
