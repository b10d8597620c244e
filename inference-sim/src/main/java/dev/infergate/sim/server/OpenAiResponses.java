package dev.infergate.sim.server;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds OpenAI-shaped response bodies and stream chunks for one request. */
final class OpenAiResponses {

    private final JsonMapper json;
    private final OpenAiRequest request;
    private final String id;
    private final long created;
    private final String[] tokens;
    private final int promptTokens;

    OpenAiResponses(JsonMapper json, OpenAiRequest request, SeededText text, int outputTokens, int promptTokens) {
        this.json = json;
        this.request = request;
        this.id = text.id(request.kind() == OpenAiRequest.Kind.CHAT ? "chatcmpl-" : "cmpl-");
        this.created = text.created();
        this.tokens = text.tokens(outputTokens);
        this.promptTokens = promptTokens;
    }

    String finishReason() {
        return request.maxTokens() == null ? "stop" : "length";
    }

    String completion() {
        ObjectNode body = envelope(request.kind() == OpenAiRequest.Kind.CHAT ? "chat.completion" : "text_completion");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        String text = String.join("", tokens);
        if (request.kind() == OpenAiRequest.Kind.CHAT) {
            choice.putObject("message").put("role", "assistant").put("content", text);
        } else {
            choice.put("text", text).putNull("logprobs");
        }
        choice.put("finish_reason", finishReason());
        putUsage(body, tokens.length);
        return json.writeValueAsString(body);
    }

    /** The SSE event carrying output token {@code index}. */
    String tokenEvent(int index) {
        ObjectNode chunk = chunkEnvelope();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        if (request.kind() == OpenAiRequest.Kind.CHAT) {
            ObjectNode delta = choice.putObject("delta");
            if (index == 0) {
                delta.put("role", "assistant");
            }
            delta.put("content", tokens[index]);
        } else {
            choice.put("text", tokens[index]).putNull("logprobs");
        }
        choice.putNull("finish_reason");
        return event(chunk);
    }

    String finishEvent() {
        ObjectNode chunk = chunkEnvelope();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        if (request.kind() == OpenAiRequest.Kind.CHAT) {
            choice.putObject("delta");
        } else {
            choice.put("text", "").putNull("logprobs");
        }
        choice.put("finish_reason", finishReason());
        return event(chunk);
    }

    String usageEvent(int completionTokens) {
        ObjectNode chunk = chunkEnvelope();
        chunk.putArray("choices");
        putUsage(chunk, completionTokens);
        return event(chunk);
    }

    static String doneEvent() {
        return "data: [DONE]\n\n";
    }

    private ObjectNode chunkEnvelope() {
        return envelope(request.kind() == OpenAiRequest.Kind.CHAT ? "chat.completion.chunk" : "text_completion");
    }

    private ObjectNode envelope(String object) {
        return json.createObjectNode()
                .put("id", id)
                .put("object", object)
                .put("created", created)
                .put("model", request.model());
    }

    private void putUsage(ObjectNode body, int completionTokens) {
        body.putObject("usage")
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
    }

    private String event(ObjectNode chunk) {
        return "data: " + json.writeValueAsString(chunk) + "\n\n";
    }

    static String error(JsonMapper json, InvalidRequest error) {
        ObjectNode body = json.createObjectNode();
        ObjectNode detail = body.putObject("error")
                .put("message", error.getMessage())
                .put("type", error.type());
        detail.put("param", error.param());
        detail.put("code", error.code());
        return json.writeValueAsString(body);
    }

    static String models(JsonMapper json, Iterable<String> models, long created) {
        ObjectNode body = json.createObjectNode().put("object", "list");
        ArrayNode data = body.putArray("data");
        for (String model : models) {
            data.addObject().put("id", model).put("object", "model").put("created", created).put("owned_by", "infergate-sim");
        }
        return json.writeValueAsString(body);
    }
}
