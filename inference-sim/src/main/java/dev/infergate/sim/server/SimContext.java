package dev.infergate.sim.server;

import dev.infergate.sim.engine.GenerationEngine;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** What the handlers of one simulated server share. */
record SimContext(
        String name,
        List<String> models,
        long seed,
        int defaultMaxTokens,
        GenerationEngine engine,
        SimStats stats,
        Faults faults,
        FaultInjection faultInjection,
        JsonMapper json) {
}
