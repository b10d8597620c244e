package dev.infergate.gateway.discovery;

import dev.infergate.gateway.control.PoolDefinition;
import java.util.List;

/** Resolves the endpoints of pools whose source it handles. */
public interface EndpointSource {

    boolean handles(PoolDefinition.EndpointSourceSpec source);

    List<Endpoint> endpoints(PoolDefinition pool);
}
