package dev.infergate.sim.server;

import dev.infergate.sim.engine.GenerationJob;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * KServe v2 (Open Inference Protocol) REST: readiness and {@code POST /v2/models/{name}/infer}.
 *
 * <p>The first input's first element is the prompt; {@code parameters.max_tokens} sets the output
 * length. The answer is one BYTES output tensor {@code text_output} holding the generated text.
 */
final class KServeHandler {

    private final SimContext context;

    KServeHandler(SimContext context) {
        this.context = context;
    }

    Mono<Void> ready(HttpServerResponse response) {
        if (context.faults().current().unready()) {
            return Replies.json(response, 503, "{\"ready\":false}");
        }
        return Replies.json(response, 200, "{\"ready\":true}");
    }

    Mono<Void> infer(HttpServerRequest request, HttpServerResponse response) {
        String model = request.param("name");
        RequestOutcome outcome = new RequestOutcome(context.stats());
        LoadReports.attachHeader(request, response, context.engine());
        return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
                .flatMap(body -> respond(model == null ? "" : model, body, response, outcome))
                .doOnCancel(outcome::cancelled);
    }

    private Mono<Void> respond(String model, byte[] body, HttpServerResponse response, RequestOutcome outcome) {
        if (!context.models().contains(model)) {
            outcome.faulted();
            return Replies.json(response, 404, error("Model " + model + " not found"));
        }
        String prompt;
        int maxTokens;
        try {
            JsonNode root = context.json().readTree(body);
            JsonNode input = root.path("inputs").path(0).path("data").path(0);
            if (!input.isString()) {
                throw new IllegalArgumentException("inputs[0].data[0] must be a string prompt");
            }
            prompt = input.asString();
            maxTokens = root.path("parameters").path("max_tokens").asInt(context.defaultMaxTokens());
            if (maxTokens < 1) {
                throw new IllegalArgumentException("parameters.max_tokens must be a positive integer");
            }
        } catch (JacksonException | IllegalArgumentException e) {
            outcome.faulted();
            String message = e instanceof JacksonException json ? "malformed JSON: " + json.getOriginalMessage() : e.getMessage();
            return Replies.json(response, 400, error(message));
        }
        SeededText text = new SeededText(context.seed(), body);
        int outputTokens = maxTokens;
        GenerationJob job = new GenerationJob(model, prompt, outputTokens);
        Optional<String> refusal = context.engine().refusal(job);
        if (refusal.isPresent()) {
            outcome.faulted();
            return Replies.json(response, 400, error(refusal.get()));
        }
        Mono<Void> normal = context.engine().generate(job)
                .doOnNext(token -> context.stats().onTokenEmitted())
                .then(Mono.defer(() -> Replies.json(response, 200, result(model, text, outputTokens))))
                .doOnSuccess(done -> outcome.completed());
        return context.faultInjection().around(response, outcome, (status, message) -> error(message), normal);
    }

    private String result(String model, SeededText text, int outputTokens) {
        ObjectNode body = context.json().createObjectNode()
                .put("model_name", model)
                .put("model_version", "1")
                .put("id", text.id("infer-"));
        ObjectNode output = body.putArray("outputs").addObject()
                .put("name", "text_output")
                .put("datatype", "BYTES");
        output.putArray("shape").add(1);
        output.putArray("data").add(String.join("", text.tokens(outputTokens)));
        return context.json().writeValueAsString(body);
    }

    private String error(String message) {
        return context.json().writeValueAsString(context.json().createObjectNode().put("error", message));
    }
}
