package dev.infergate.sim;

import dev.infergate.sim.engine.GenerationEngine;
import dev.infergate.sim.server.SimRoutes;
import dev.infergate.sim.server.Faults;
import dev.infergate.sim.server.SimStats;
import java.time.Duration;
import reactor.netty.DisposableServer;

/** One running simulated inference server. Close it to stop it. */
public final class SimServer implements AutoCloseable {

    private final SimServerSettings settings;
    private final SimRoutes routes;
    private final DisposableServer server;

    private SimServer(SimServerSettings settings, SimRoutes routes, DisposableServer server) {
        this.settings = settings;
        this.routes = routes;
        this.server = server;
    }

    /** Binds the server and returns once it accepts connections. */
    public static SimServer start(SimServerSettings settings, GenerationEngine engine) {
        SimRoutes routes = new SimRoutes(settings.name(), settings.models(), settings.seed(),
                settings.defaultMaxTokens(), engine);
        DisposableServer server = routes.bind(settings.host(), settings.port());
        return new SimServer(settings, routes, server);
    }

    public String name() {
        return settings.name();
    }

    public int port() {
        return server.port();
    }

    public String host() {
        return settings.host();
    }

    /** {@code host:port}, as a static pool lists it. */
    public String address() {
        return settings.host() + ":" + port();
    }

    public String baseUrl() {
        return "http://" + address();
    }

    public SimStats stats() {
        return routes.stats();
    }

    public Faults faults() {
        return routes.faults();
    }

    public GenerationEngine engine() {
        return routes.engine();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        routes.engine().close();
    }
}
