package dev.infergate.gateway;

import dev.infergate.sim.SimServer;
import dev.infergate.sim.SimServerSettings;
import dev.infergate.sim.engine.FixedTimingEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Real upstreams for gateway tests: simulated servers, a refused port, a seed file naming them. */
final class Upstreams {

    static final String MODEL = "llama-3-8b-instruct";

    private Upstreams() {
    }

    static SimServer simulator(String name, long seed) {
        return SimServer.start(SimServerSettings.onFreePort(name, List.of(MODEL), seed),
                new FixedTimingEngine(Duration.ofMillis(5), Duration.ofMillis(2)));
    }

    /** A loopback port nothing listens on: connections to it are refused. */
    static int refusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path seed(String yaml) {
        try {
            Path file = Files.createTempFile("infergate-routes", ".yaml");
            file.toFile().deleteOnExit();
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
