package dev.infergate.sim.server;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of an OpenAI chat or text completion request the simulator uses.
 *
 * @param maxTokens from {@code max_completion_tokens} or {@code max_tokens}; null when absent
 */
record OpenAiRequest(
        Kind kind, String model, String prompt, @Nullable Integer maxTokens, boolean stream, boolean includeUsage) {

    enum Kind { CHAT, TEXT }

    static OpenAiRequest parse(Kind kind, byte[] body, JsonMapper json, Set<String> models) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw InvalidRequest.badRequest("We could not parse the JSON body of your request: "
                    + e.getOriginalMessage(), null);
        }
        if (root == null || !root.isObject()) {
            throw InvalidRequest.badRequest("The request body must be a JSON object.", null);
        }
        JsonNode model = root.get("model");
        if (model == null || !model.isString() || model.asString().isEmpty()) {
            throw InvalidRequest.badRequest("you must provide a model parameter", "model");
        }
        String prompt = kind == Kind.CHAT ? chatPrompt(root) : textPrompt(root);
        if (!models.contains(model.asString())) {
            throw InvalidRequest.unknownModel(model.asString());
        }
        Integer maxTokens = maxTokens(root);
        boolean stream = root.path("stream").asBoolean(false);
        boolean includeUsage = root.path("stream_options").path("include_usage").asBoolean(false);
        return new OpenAiRequest(kind, model.asString(), prompt, maxTokens, stream, includeUsage);
    }

    private static String chatPrompt(JsonNode root) {
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw InvalidRequest.badRequest("Missing required parameter: 'messages'.", "messages");
        }
        StringBuilder prompt = new StringBuilder();
        for (JsonNode message : messages) {
            JsonNode content = message.get("content");
            if (content == null || !content.isString()) {
                throw InvalidRequest.badRequest("Each message needs a string 'content'.", "messages");
            }
            prompt.append(content.asString());
        }
        return prompt.toString();
    }

    private static String textPrompt(JsonNode root) {
        JsonNode prompt = root.get("prompt");
        if (prompt == null || !prompt.isString()) {
            throw InvalidRequest.badRequest("Missing required parameter: 'prompt'.", "prompt");
        }
        return prompt.asString();
    }

    private static @Nullable Integer maxTokens(JsonNode root) {
        JsonNode node = root.has("max_completion_tokens") ? root.get("max_completion_tokens") : root.get("max_tokens");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isInt() || node.asInt() < 1) {
            throw InvalidRequest.badRequest("max_tokens must be a positive integer.", "max_tokens");
        }
        return node.asInt();
    }
}
