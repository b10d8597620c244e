package dev.infergate.sim;

import dev.infergate.sim.engine.FixedTimingEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs simulated servers from the command line until interrupted.
 *
 * <pre>
 * java -jar inference-sim-exec.jar [--count 1] [--port 8000] [--models llama-3-8b-instruct,qwen2-7b-instruct]
 *                                  [--seed 1] [--ttft-ms 50] [--token-ms 10]
 * </pre>
 *
 * With {@code --count N} the servers listen on {@code port .. port+N-1} (free ports when port is 0).
 */
public final class SimMain {

    private SimMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = parse(args);
        int count = Integer.parseInt(options.getOrDefault("count", "1"));
        int port = Integer.parseInt(options.getOrDefault("port", "8000"));
        List<String> models = Arrays.asList(options.getOrDefault("models", "llama-3-8b-instruct,qwen2-7b-instruct").split(","));
        long seed = Long.parseLong(options.getOrDefault("seed", "1"));
        Duration ttft = Duration.ofMillis(Long.parseLong(options.getOrDefault("ttft-ms", "50")));
        Duration perToken = Duration.ofMillis(Long.parseLong(options.getOrDefault("token-ms", "10")));

        List<SimServerSettings> settings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            settings.add(new SimServerSettings("sim-" + i, models, seed + i, 16, SimServerSettings.LOOPBACK,
                    port == 0 ? 0 : port + i));
        }
        SimFleet fleet = SimFleet.start(settings, each -> new FixedTimingEngine(ttft, perToken));
        Runtime.getRuntime().addShutdownHook(new Thread(fleet::close, "sim-shutdown"));
        for (SimServer server : fleet.servers()) {
            System.out.println(server.name() + " listening on " + server.baseUrl());
        }
        new CountDownLatch(1).await();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got: " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
