package dev.infergate.sim;

import dev.infergate.sim.engine.GenerationEngine;
import dev.infergate.sim.engine.QueueingEngine;
import dev.infergate.sim.model.FleetDefinition;
import dev.infergate.sim.model.ServerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Several simulated servers on free loopback ports, started and stopped together. */
public final class SimFleet implements AutoCloseable {

    private final List<SimServer> servers;

    private SimFleet(List<SimServer> servers) {
        this.servers = List.copyOf(servers);
    }

    /** Starts one server per settings entry, each with the engine the factory makes for it. */
    public static SimFleet start(List<SimServerSettings> settings, Function<SimServerSettings, GenerationEngine> engines) {
        List<SimServer> started = new ArrayList<>();
        try {
            for (SimServerSettings each : settings) {
                started.add(SimServer.start(each, engines.apply(each)));
            }
        } catch (RuntimeException e) {
            started.forEach(SimServer::close);
            throw e;
        }
        return new SimFleet(started);
    }

    /** Starts every server of a fleet definition on a free loopback port, timed by the queueing model. */
    public static SimFleet start(FleetDefinition definition) {
        return start(definition, 0);
    }

    /**
     * Starts every server of a fleet definition on loopback, timed by the queueing model: server
     * {@code i} on {@code basePort + i}, or on free ports when {@code basePort} is 0.
     */
    public static SimFleet start(FleetDefinition definition, int basePort) {
        List<SimServerSettings> settings = new ArrayList<>();
        for (ServerSpec spec : definition.servers()) {
            int port = basePort == 0 ? 0 : basePort + settings.size();
            settings.add(new SimServerSettings(spec.name(), spec.models(), spec.seed(), spec.defaultMaxTokens(),
                    SimServerSettings.LOOPBACK, port));
        }
        return start(settings, each -> new QueueingEngine(definition.server(each.name()).orElseThrow()));
    }

    public List<SimServer> servers() {
        return servers;
    }

    public SimServer server(int index) {
        return servers.get(index);
    }

    /** {@code host:port} of every server, in order. */
    public List<String> addresses() {
        return servers.stream().map(SimServer::address).toList();
    }

    @Override
    public void close() {
        servers.forEach(SimServer::close);
    }
}
