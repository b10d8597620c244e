package dev.infergate.gateway.discovery;

import dev.infergate.sim.SimFleet;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;

/** The simulated fleet of the embedded default, started on first use and stopped with the gateway. */
public final class DemoFleet implements DisposableBean {

    private final Supplier<SimFleet> starter;
    private @Nullable SimFleet fleet;

    public DemoFleet(Supplier<SimFleet> starter) {
        this.starter = starter;
    }

    public synchronized List<Endpoint> endpoints() {
        if (fleet == null) {
            fleet = starter.get();
        }
        return fleet.servers().stream().map(server -> new Endpoint(server.host(), server.port(), Endpoint.DEFAULT_ZONE)).toList();
    }

    public synchronized @Nullable SimFleet running() {
        return fleet;
    }

    @Override
    public synchronized void destroy() {
        if (fleet != null) {
            fleet.close();
            fleet = null;
        }
    }
}
