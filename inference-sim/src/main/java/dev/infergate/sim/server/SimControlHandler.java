package dev.infergate.sim.server;

import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /sim/faults} and {@code /sim/stats}: the switches and counters tests and benchmarks use.
 *
 * <p>{@code GET /sim/faults} shows the switches and the speed; {@code POST} or {@code PUT} merges the
 * given fields into them ({@code {"hold": true}}, {@code {"speed": 0.5}}); {@code DELETE} clears
 * every fault (and releases held streams). {@code GET /sim/stats} shows the counters;
 * {@code DELETE} zeroes them.
 */
final class SimControlHandler {

    private final SimContext context;

    SimControlHandler(SimContext context) {
        this.context = context;
    }

    Mono<Void> faults(HttpServerResponse response) {
        return Replies.json(response, 200, faultsJson());
    }

    Mono<Void> updateFaults(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            try {
                apply(body);
            } catch (JacksonException | IllegalArgumentException e) {
                String message = e instanceof JacksonException json ? json.getOriginalMessage() : e.getMessage();
                return Replies.json(response, 400,
                        context.json().writeValueAsString(context.json().createObjectNode().put("error", message)));
            }
            return Replies.json(response, 200, faultsJson());
        });
    }

    Mono<Void> clearFaults(HttpServerResponse response) {
        context.faults().clear();
        return Replies.json(response, 200, faultsJson());
    }

    Mono<Void> stats(HttpServerResponse response) {
        return Replies.json(response, 200, context.json().writeValueAsString(context.stats().asMap()));
    }

    Mono<Void> resetStats(HttpServerResponse response) {
        context.stats().reset();
        return stats(response);
    }

    private void apply(byte[] body) {
        JsonNode update = context.json().readTree(body);
        if (update == null || !update.isObject()) {
            throw new IllegalArgumentException("expected a JSON object of fault switches");
        }
        ObjectNode merged = context.json().valueToTree(context.faults().current());
        JsonNode speed = null;
        for (Map.Entry<String, JsonNode> field : update.properties()) {
            if (field.getKey().equals("speed")) {
                speed = field.getValue();
            } else {
                merged.set(field.getKey(), field.getValue());
            }
        }
        FaultSettings next = context.json().readerFor(FaultSettings.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(merged);
        if (speed != null) {
            if (!speed.isNumber()) {
                throw new IllegalArgumentException("speed: " + speed + " (expected: a number > 0)");
            }
            context.engine().setSpeed(speed.asDouble());
        }
        context.faults().set(next);
    }

    private String faultsJson() {
        ObjectNode view = context.json().valueToTree(context.faults().current());
        view.put("speed", context.engine().speed());
        return context.json().writeValueAsString(view);
    }
}
