package dev.infergate.sim;

import dev.infergate.sim.model.FleetDefinition;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a simulated fleet from the command line until interrupted.
 *
 * <pre>
 * java -jar inference-sim/target/inference-sim-*-exec.jar [--fleet default|FILE] [--port 8000]
 * </pre>
 *
 * Server {@code i} of the fleet listens on {@code 127.0.0.1:port+i} (free ports with
 * {@code --port 0}). The fleet's configuration hash is printed first, so results can name it.
 */
public final class SimMain {

    private static final Set<String> OPTIONS = Set.of("fleet", "port");

    private SimMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = parse(args);
        String fleetOption = options.getOrDefault("fleet", "default");
        FleetDefinition definition = fleetOption.equals("default")
                ? FleetDefinition.defaultFleet()
                : FleetDefinition.read(Path.of(fleetOption));
        int port = Integer.parseInt(options.getOrDefault("port", "8000"));

        SimFleet fleet = SimFleet.start(definition, port);
        Runtime.getRuntime().addShutdownHook(new Thread(fleet::close, "sim-shutdown"));
        System.out.println("fleet " + fleetOption + " configuration hash " + definition.configurationHash());
        for (SimServer server : fleet.servers()) {
            System.out.println(server.name() + " listening on " + server.baseUrl());
        }
        new CountDownLatch(1).await();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!OPTIONS.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: [--fleet default|FILE] [--port N]; got: " + String.join(" ", args));
            }
            options.put(name, args[i + 1]);
        }
        return options;
    }
}
