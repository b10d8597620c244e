package dev.infergate.sim.server;

import dev.infergate.sim.engine.GenerationEngine;
import dev.infergate.sim.model.OrcaLoadReport;
import dev.infergate.sim.model.VllmMetricsText;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * What a server tells about its load: {@code GET /metrics} in vLLM's Prometheus names, and the
 * ORCA {@code endpoint-load-metrics} response header for clients that ask for it with
 * {@code endpoint-load-metrics-format: TEXT} (as Envoy does). Only engines with a queueing model
 * report load.
 */
final class LoadReports {

    static final String FORMAT_REQUEST_HEADER = "endpoint-load-metrics-format";

    private LoadReports() {
    }

    static void attachHeader(HttpServerRequest request, HttpServerResponse response, GenerationEngine engine) {
        if ("TEXT".equalsIgnoreCase(request.requestHeaders().get(FORMAT_REQUEST_HEADER))) {
            engine.latestSnapshot().ifPresent(snapshot -> response.header(OrcaLoadReport.HEADER, OrcaLoadReport.text(snapshot)));
        }
    }

    /** The metrics of the server, labelled with its first model (a vLLM server serves one). */
    static Mono<Void> metrics(HttpServerResponse response, GenerationEngine engine, List<String> models) {
        return engine.snapshot()
                .map(future -> Mono.fromFuture(future)
                        .flatMap(snapshot -> response.status(200)
                                .header("Content-Type", VllmMetricsText.CONTENT_TYPE)
                                .sendString(Mono.just(VllmMetricsText.render(models.get(0), snapshot)))
                                .then()))
                .orElseGet(() -> Replies.json(response, 404,
                        "{\"error\":\"this server has fixed timing and no queueing model to report\"}"));
    }
}
