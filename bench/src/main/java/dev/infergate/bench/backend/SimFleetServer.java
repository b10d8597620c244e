package dev.infergate.bench.backend;

import dev.infergate.bench.process.CommandLine;
import dev.infergate.sim.SimFleet;
import dev.infergate.sim.SimServerSettings;
import dev.infergate.sim.engine.QueueingEngine;
import dev.infergate.sim.model.FleetDefinition;
import dev.infergate.sim.model.ServerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The simulator's frozen default fleet ({@link FleetDefinition#defaultFleet()}), each server timed by
 * its queueing model, on the loopback ports the harness chose (the simulator's own runner takes
 * consecutive ports, which the harness cannot promise to be free). Usage:
 * {@code SimFleetServer --ports P0,P1,P2,P3}; it prints the configuration hash, binds every server, then
 * prints {@code ready}, and runs until stopped.
 */
public final class SimFleetServer {

    private SimFleetServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        FleetDefinition fleet = FleetDefinition.defaultFleet();
        List<Integer> ports = Arrays.stream(CommandLine.parse(args).value("--ports").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        if (ports.size() != fleet.servers().size()) {
            throw new IllegalArgumentException("--ports: " + ports.size() + " ports for " + fleet.servers().size() + " servers");
        }
        List<SimServerSettings> settings = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            ServerSpec spec = fleet.servers().get(i);
            settings.add(new SimServerSettings(spec.name(), spec.models(), spec.seed(), spec.defaultMaxTokens(),
                    SimServerSettings.LOOPBACK, ports.get(i)));
        }
        // Printed before the servers bind, so that whoever sees them answer can read it already.
        System.out.println("configuration hash " + fleet.configurationHash());
        System.out.flush();
        SimFleet running = SimFleet.start(settings, each -> new QueueingEngine(fleet.server(each.name()).orElseThrow()));
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "sim-fleet-stop"));
        System.out.println("ready " + String.join(",", running.addresses()));
        new CountDownLatch(1).await();
    }
}
