package dev.infergate.gateway.discovery;

import dev.infergate.gateway.control.PoolDefinition;
import java.util.List;

/**
 * {@code discovery: demo}: the in-process demo fleet, started the first time a pool asks for it
 * and reached over loopback sockets like any other server.
 */
public final class DemoEndpointSource implements EndpointSource {

    private final DemoFleet fleet;

    public DemoEndpointSource(DemoFleet fleet) {
        this.fleet = fleet;
    }

    @Override
    public boolean handles(PoolDefinition.EndpointSourceSpec source) {
        return source instanceof PoolDefinition.DiscoveredEndpoints discovered && discovered.provider().equals("demo");
    }

    @Override
    public List<Endpoint> endpoints(PoolDefinition pool) {
        return fleet.endpoints();
    }
}
