package dev.infergate.sim.server;

import dev.infergate.sim.engine.GenerationEngine;
import java.util.List;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP surface of one simulated server. */
public final class SimRoutes {

    private final SimContext context;
    private final OpenAiHandler openAi;
    private final KServeHandler kserve;
    private final SimControlHandler control;

    public SimRoutes(String name, List<String> models, long seed, int defaultMaxTokens, GenerationEngine engine) {
        Faults faults = new Faults(seed);
        this.context = new SimContext(name, List.copyOf(models), seed, defaultMaxTokens, engine, new SimStats(), faults,
                new FaultInjection(faults), JsonMapper.builder().build());
        // Jackson builds its (de)serializers on first use under a lock; build them now, not on an
        // event loop where two first requests would wait on each other.
        context.json().readTree("{\"warm\":[1]}");
        context.json().writeValueAsString(context.json().createObjectNode().put("warm", 1));
        this.openAi = new OpenAiHandler(context);
        this.kserve = new KServeHandler(context);
        this.control = new SimControlHandler(context);
    }

    public DisposableServer bind(String host, int port) {
        return HttpServer.create()
                .host(host)
                .port(port)
                .route(routes -> routes
                        .post("/v1/chat/completions", (req, res) -> openAi.handle(OpenAiRequest.Kind.CHAT, req, res))
                        .post("/v1/completions", (req, res) -> openAi.handle(OpenAiRequest.Kind.TEXT, req, res))
                        .get("/v1/models", (req, res) -> Replies.json(res, 200,
                                OpenAiResponses.models(context.json(), context.models(), new SeededText(context.seed(), new byte[0]).created())))
                        .get("/metrics", (req, res) -> LoadReports.metrics(res, context.engine(), context.models()))
                        .get("/v2/health/ready", (req, res) -> kserve.ready(res))
                        .post("/v2/models/{name}/infer", kserve::infer)
                        .get("/sim/faults", (req, res) -> control.faults(res))
                        .post("/sim/faults", control::updateFaults)
                        .put("/sim/faults", control::updateFaults)
                        .delete("/sim/faults", (req, res) -> control.clearFaults(res))
                        .get("/sim/stats", (req, res) -> control.stats(res))
                        .delete("/sim/stats", (req, res) -> control.resetStats(res)))
                .bindNow();
    }

    public SimStats stats() {
        return context.stats();
    }

    public Faults faults() {
        return context.faults();
    }

    public GenerationEngine engine() {
        return context.engine();
    }
}
