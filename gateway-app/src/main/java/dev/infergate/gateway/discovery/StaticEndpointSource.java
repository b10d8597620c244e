package dev.infergate.gateway.discovery;

import dev.infergate.gateway.control.PoolDefinition;
import java.util.List;

/** {@code static: [host:port, ...]}: the addresses as written. */
public final class StaticEndpointSource implements EndpointSource {

    @Override
    public boolean handles(PoolDefinition.EndpointSourceSpec source) {
        return source instanceof PoolDefinition.StaticEndpoints;
    }

    @Override
    public List<Endpoint> endpoints(PoolDefinition pool) {
        return ((PoolDefinition.StaticEndpoints) pool.source()).addresses().stream().map(Endpoint::parse).toList();
    }
}
