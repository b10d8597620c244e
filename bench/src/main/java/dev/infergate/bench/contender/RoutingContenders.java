package dev.infergate.bench.contender;

import dev.infergate.bench.process.Executables;
import dev.infergate.bench.process.FreePorts;
import dev.infergate.bench.process.Launched;
import dev.infergate.bench.process.OpenFiles;
import dev.infergate.bench.process.Readiness;
import dev.infergate.bench.process.Role;
import dev.infergate.bench.process.Supervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contenders of the routing-quality sets, all in front of the same simulated fleet:
 *
 * <ul>
 *   <li>Infergate with each of its strategies {@code capacity}, {@code prefix-affinity},
 *       {@code least-request} and {@code round-robin}: one process, one pool per strategy over the
 *       same four endpoints, one route per pool selected by the header {@value #POOL_HEADER}
 *       (the {@code prefix-affinity} route caches the body, which that strategy reads the prompt
 *       from). Pools keep their strategies' default settings. Load signals are per endpoint and
 *       shared by the pools, as they are in production; contenders run one at a time on a drained
 *       fleet, and each run's warm-up refreshes the averages (half-life 10 s);
 *   <li>nginx with {@code least_conn} and with {@code random two least_conn} (power of two
 *       choices), HAProxy with {@code leastconn} and with {@code random(2)}: each its own process,
 *       configured as {@link NginxConfig} and {@link HaproxyConfig} with {@code /v1/} streamed
 *       unbuffered.
 * </ul>
 */
public final class RoutingContenders {

    public static final String POOL_HEADER = "X-Bench-Pool";
    public static final String STREAMING_PATH = "/v1/";

    public static final String INFERGATE_CAPACITY = "infergate-capacity";
    public static final String INFERGATE_PREFIX_AFFINITY = "infergate-prefix-affinity";
    public static final String INFERGATE_LEAST_REQUEST = "infergate-least-request";
    public static final String INFERGATE_ROUND_ROBIN = "infergate-round-robin";
    public static final String NGINX_LEAST_CONN = "nginx-least-conn";
    public static final String NGINX_RANDOM_TWO = "nginx-random-two";
    public static final String HAPROXY_LEASTCONN = "haproxy-leastconn";
    public static final String HAPROXY_RANDOM_TWO = "haproxy-random2";

    /** Infergate's strategies by contender name, in table order. */
    static final Map<String, String> STRATEGIES = new LinkedHashMap<>();

    static {
        STRATEGIES.put(INFERGATE_CAPACITY, "capacity");
        STRATEGIES.put(INFERGATE_PREFIX_AFFINITY, "prefix-affinity");
        STRATEGIES.put(INFERGATE_LEAST_REQUEST, "least-request");
        STRATEGIES.put(INFERGATE_ROUND_ROBIN, "round-robin");
    }

    private static final List<String> NAMES = List.of(INFERGATE_CAPACITY, INFERGATE_PREFIX_AFFINITY,
            INFERGATE_LEAST_REQUEST, INFERGATE_ROUND_ROBIN, NGINX_LEAST_CONN, NGINX_RANDOM_TWO, HAPROXY_LEASTCONN,
            HAPROXY_RANDOM_TWO);

    private RoutingContenders() {
    }

    public static List<String> names() {
        return NAMES;
    }

    /** Checks the names against {@link #names()}; returns them in the catalogue's order. */
    public static List<String> named(List<String> names) {
        names.forEach(name -> {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown routing contender " + name + "; expected some of " + NAMES);
            }
        });
        return NAMES.stream().filter(names::contains).toList();
    }

    /** Starts what the named contenders need without waiting; {@link #awaitReady} waits. */
    public static Started launch(Supervisor supervisor, FreePorts ports, Path workDir, Path root, JvmFlags flags, Fleet fleet,
            List<String> names) {
        List<String> wanted = named(names);
        List<RoutingTarget> targets = new ArrayList<>();
        List<Proxy> processes = new ArrayList<>();
        List<String> strategies = wanted.stream().filter(STRATEGIES::containsKey).toList();
        if (!strategies.isEmpty()) {
            int port = ports.next();
            Launched infergate = startInfergate(supervisor, ports, workDir, root, flags, fleet, port);
            URI base = URI.create("http://127.0.0.1:" + port);
            processes.add(new Proxy(infergate, base));
            for (String name : strategies) {
                targets.add(new RoutingTarget(name, true, "pool strategy `" + STRATEGIES.get(name) + "`", base,
                        Map.of(POOL_HEADER, STRATEGIES.get(name)), infergate.handle()));
            }
        }
        for (String name : wanted) {
            if (STRATEGIES.containsKey(name)) {
                continue;
            }
            boolean nginx = name.startsWith("nginx");
            String balance = switch (name) {
                case NGINX_LEAST_CONN -> "least_conn;";
                case NGINX_RANDOM_TWO -> "random two least_conn;";
                case HAPROXY_LEASTCONN -> "leastconn";
                case HAPROXY_RANDOM_TWO -> "random(2)";
                default -> throw new IllegalStateException(name);
            };
            int port = ports.next();
            Launched launched = nginx ? startNginx(supervisor, ports, workDir, name, port, balance, fleet)
                    : startHaproxy(supervisor, ports, workDir, name, port, balance, fleet);
            URI base = URI.create("http://127.0.0.1:" + port);
            processes.add(new Proxy(launched, base));
            targets.add(new RoutingTarget(name, false, "`" + balance.replace(";", "") + "`", base, Map.of(),
                    launched.handle()));
        }
        return new Started(targets, processes);
    }

    /** One balancer process and where it listens. */
    public record Proxy(Launched launched, URI base) {
    }

    /**
     * What {@link #launch} started.
     *
     * @param targets the contenders, in table order
     * @param processes their processes (one Infergate for all its rows)
     */
    public record Started(List<RoutingTarget> targets, List<Proxy> processes) {

        /** Returns once every process answers {@code /v1/models} from the fleet. */
        public void awaitReady(Duration timeout) {
            processes.forEach(proxy -> Readiness.await(proxy.base().resolve("/v1/models"), timeout, proxy.launched()));
        }
    }

    private static Launched startInfergate(Supervisor supervisor, FreePorts ports, Path workDir, Path root, JvmFlags flags,
            Fleet fleet, int port) {
        Path jar = root.resolve(Infergate.JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with ./mvnw -pl bench -am package -DskipTests");
        }
        Path dir = workDir.resolve("infergate-pools");
        Path seed = dir.resolve("live-configuration.yaml");
        write(seed, InfergatePoolsSeed.yaml(fleet.addresses(), STRATEGIES.values().stream().toList(), POOL_HEADER));
        int managementPort = ports.next();
        List<String> command = new ArrayList<>(List.of(Executables.java()));
        command.addAll(flags.flags());
        command.addAll(List.of("-jar", jar.toString(),
                "--infergate.seed=" + seed,
                "--infergate.data-dir=" + dir.resolve("data"),
                "--server.port=" + port,
                "--management.server.port=" + managementPort));
        return supervisor.start("infergate-pools", Role.SYSTEM, command, dir);
    }

    private static Launched startNginx(Supervisor supervisor, FreePorts ports, Path workDir, String name, int port,
            String balance, Fleet fleet) {
        String nginx = Executables.require("nginx", "nginx-light").toString();
        Path dir = workDir.resolve(name);
        NginxConfig config = new NginxConfig(dir, port, ports.next(), fleet.addresses(), balance,
                System.getProperty("user.name"), OpenFiles.hardLimit(), List.of(STREAMING_PATH));
        Path file = dir.resolve("nginx.conf");
        write(file, config.render());
        return supervisor.start(name, Role.SYSTEM,
                List.of(nginx, "-p", dir.toString(), "-c", file.toString(), "-e", dir.resolve("error.log").toString()), dir);
    }

    private static Launched startHaproxy(Supervisor supervisor, FreePorts ports, Path workDir, String name, int port,
            String balance, Fleet fleet) {
        String haproxy = Executables.require("haproxy", "haproxy").toString();
        Path dir = workDir.resolve(name);
        HaproxyConfig config = new HaproxyConfig(dir, port, ports.next(), fleet.addresses(), balance,
                HaproxyConfig.maxconnFor(OpenFiles.hardLimit()), List.of(STREAMING_PATH));
        Path file = dir.resolve("haproxy.cfg");
        write(file, config.render());
        return supervisor.start(name, Role.SYSTEM, List.of(haproxy, "-db", "-f", file.toString()), dir);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
