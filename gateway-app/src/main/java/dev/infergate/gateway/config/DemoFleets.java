package dev.infergate.gateway.config;

import dev.infergate.sim.SimFleet;
import dev.infergate.sim.SimServer;
import dev.infergate.sim.model.FleetDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the demo fleet of the embedded default from its definition file. */
final class DemoFleets {

    private static final Logger log = LoggerFactory.getLogger(DemoFleets.class);

    private DemoFleets() {
    }

    static SimFleet start(String definitionYaml) {
        FleetDefinition definition = FleetDefinition.parse(definitionYaml);
        SimFleet fleet = SimFleet.start(definition);
        log.info("Demo fleet {} started: {}", definition.configurationHash(),
                fleet.servers().stream().map(server -> server.name() + "@" + server.address()).toList());
        return fleet;
    }
}
