package dev.infergate.bench.scenario;

import dev.infergate.bench.BenchOptions;
import dev.infergate.bench.backend.BackendServer;
import dev.infergate.bench.backend.SimFleetServer;
import dev.infergate.bench.contender.Backend;
import dev.infergate.bench.contender.Contender;
import dev.infergate.bench.contender.ContenderContext;
import dev.infergate.bench.contender.Fleet;
import dev.infergate.bench.contender.RoutingContenders;
import dev.infergate.bench.contender.RoutingTarget;
import dev.infergate.bench.contender.JvmFlags;
import dev.infergate.bench.contender.Running;
import dev.infergate.bench.process.CpuPinning;
import dev.infergate.bench.process.Executables;
import dev.infergate.bench.process.FreePorts;
import dev.infergate.bench.process.OtherLoad;
import dev.infergate.bench.process.Launched;
import dev.infergate.bench.process.Quiet;
import dev.infergate.bench.process.Readiness;
import dev.infergate.bench.process.Role;
import dev.infergate.bench.process.Supervisor;
import dev.infergate.sim.model.FleetDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The resources of one scenario set's run: options, core pinning, a scratch folder (configurations
 * and every process's log), the supervisor of child processes and free ports. Closing it stops
 * every process it started; the scratch folder is deleted after a successful run and kept, with its
 * path printed, after a failure.
 */
public final class BenchRun implements AutoCloseable {

    /** Spring Boot applications pinned to one core start slowly while the machine is busy. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final BenchOptions options;
    private final CpuPinning pinning;
    private final Path workDir;
    private final Supervisor supervisor;
    private final FreePorts ports = new FreePorts();
    private final String classpath;
    private final OtherLoad otherLoad = OtherLoad.start();
    private boolean succeeded;

    public BenchRun(BenchOptions options) {
        this.options = options;
        this.pinning = CpuPinning.detect(options.pin());
        try {
            this.workDir = Files.createTempDirectory("infergate-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder", e);
        }
        this.supervisor = new Supervisor(workDir.resolve("logs"), pinning, options.pidsFile());
        this.classpath = classpath(options.root());
        Progress.say("scenario set " + options.set() + "; " + pinning.description() + "; scratch folder " + workDir);
    }

    public BenchOptions options() {
        return options;
    }

    public CpuPinning pinning() {
        return pinning;
    }

    /** The share of the machine's CPU that other processes used since the run began. */
    public double otherLoad() {
        return otherLoad.share();
    }

    /** Starts the backend on the system core and waits until it answers. */
    public Backend startBackend(int sseEvents, int sseIntervalMs) {
        int port = ports.next();
        List<String> command = new ArrayList<>(List.of(Executables.java()));
        command.addAll(JvmFlags.COMMON);
        command.addAll(List.of("-cp", classpath, BackendServer.class.getName(), "--port", Integer.toString(port),
                "--sse-events", Integer.toString(sseEvents), "--sse-interval-ms", Integer.toString(sseIntervalMs)));
        Launched launched = supervisor.start("backend", Role.SYSTEM, command, workDir);
        Backend backend = new Backend(launched, port);
        Readiness.await(backend.base().resolve("/fixed"), START_TIMEOUT, launched);
        Progress.say("backend ready on " + backend.address());
        return backend;
    }

    /**
     * Starts the simulator's default fleet (one process, one free loopback port per server) on the
     * load generator's core and waits until every server answers.
     */
    public Fleet startFleet() {
        FleetDefinition definition = FleetDefinition.defaultFleet();
        List<Integer> serverPorts = definition.servers().stream().map(server -> ports.next()).toList();
        List<String> command = new ArrayList<>(List.of(Executables.java()));
        command.addAll(JvmFlags.COMMON);
        command.addAll(List.of("-cp", classpath, SimFleetServer.class.getName(), "--ports",
                String.join(",", serverPorts.stream().map(String::valueOf).toList())));
        // On the generator's core: a contender that burns more CPU would otherwise slow the simulated
        // GPUs down and be judged on a slower fleet than its peers.
        Launched launched = supervisor.start("sim-fleet", Role.LOAD, command, workDir);
        List<String> addresses = serverPorts.stream().map(port -> "127.0.0.1:" + port).toList();
        for (String address : addresses) {
            Readiness.await(URI.create("http://" + address + "/v1/models"), START_TIMEOUT, launched);
        }
        String hash = launched.logTail(50).lines().filter(line -> line.startsWith("configuration hash "))
                .map(line -> line.substring("configuration hash ".length()).trim()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the fleet did not print its configuration hash"));
        Fleet fleet = new Fleet(launched, definition.servers().stream().map(server -> server.name()).toList(), addresses,
                definition.servers().stream().map(server -> server.speed()).toList(), hash);
        Progress.say("fleet " + hash + " ready on " + String.join(", ", addresses));
        return fleet;
    }

    /** Starts the routing contenders in front of the fleet and waits until each answers through it. */
    public List<RoutingTarget> startRouting(List<String> names, Fleet fleet, JvmFlags flags) {
        RoutingContenders.Started started = launchRouting(names, fleet, flags);
        started.awaitReady(START_TIMEOUT);
        started.processes().forEach(proxy -> Progress.say(proxy.launched().name() + " ready on " + proxy.base()));
        return started.targets();
    }

    /** Starts the routing contenders without waiting for them. */
    public RoutingContenders.Started launchRouting(List<String> names, Fleet fleet, JvmFlags flags) {
        return RoutingContenders.launch(supervisor, ports, workDir, options.root(), flags, fleet, names);
    }

    /** Starts the contenders all at once, then waits for each to answer through to the backend. */
    public List<Running> start(List<Contender> contenders, Backend backend, JvmFlags flags) {
        ContenderContext context = new ContenderContext(supervisor, ports, workDir, options.root(), classpath, backend, flags);
        List<Running> running = contenders.stream().map(contender -> contender.launch(context)).toList();
        for (Running each : running) {
            each.awaitReady(START_TIMEOUT);
            Progress.say(each.name() + " ready on " + each.http1() + (each.h2c().equals(each.http1()) ? "" : " (h2c " + each.h2c() + ")"));
        }
        return running;
    }

    /** Starts one contender without waiting for it: {@link Running#awaitReady} does. */
    public Running launch(Contender contender, Backend backend, JvmFlags flags) {
        return contender.launch(new ContenderContext(supervisor, ports, workDir, options.root(), classpath, backend, flags));
    }

    public Running start(Contender contender, Backend backend, JvmFlags flags) {
        return start(List.of(contender), backend, flags).get(0);
    }

    /**
     * Waits, at most 30 s, until the backend and the running contenders are idle, so that one
     * contender's leftover JIT or GC work does not land in the next one's measurement.
     */
    public void settle(Backend backend, List<Running> running) {
        List<ProcessHandle> processes = new ArrayList<>();
        processes.add(backend.process().handle());
        running.stream().map(Running::measured).filter(handle -> !processes.contains(handle)).forEach(processes::add);
        if (!Quiet.await(processes, Duration.ofSeconds(30))) {
            Progress.say("the system under test is still busy after 30 s; measuring anyway");
        }
    }

    public void stop(Running running) {
        running.stop(supervisor);
    }

    /** Throws when the run was interrupted or a process it started has exited by itself. */
    public void requireIntact() {
        supervisor.requireIntact();
    }

    /** Marks the run as passed, so that closing it deletes the scratch folder. */
    public void succeeded(boolean passed) {
        this.succeeded = passed;
    }

    @Override
    public void close() {
        supervisor.close();
        if (succeeded) {
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                Progress.say("could not delete " + workDir + ": " + e.getMessage());
            }
        } else {
            Progress.say("logs and configurations kept in " + workDir);
        }
    }

    /** The harness's own classes and runtime libraries, as the build wrote them, for the child JVMs. */
    private static String classpath(Path root) {
        Path target = root.resolve("bench/target");
        Path libraries = target.resolve("bench.classpath");
        if (!Files.isRegularFile(libraries)) {
            return System.getProperty("java.class.path");
        }
        try {
            return target.resolve("classes") + java.io.File.pathSeparator
                    + Files.readString(libraries, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + libraries, e);
        }
    }
}
