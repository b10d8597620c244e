package dev.infergate.bench.routing;

import java.nio.charset.StandardCharsets;

/**
 * One request of a workload: an optional shared system prompt, the user's own text and the output
 * length asked for. The texts are lower-case letters and spaces only, so they need no JSON escaping,
 * and the simulator counts one token per four characters.
 *
 * @param system the shared system prompt, empty when the request has none
 * @param user the request's own text, never empty
 * @param maxTokens the output length ({@code max_tokens}); the simulator generates exactly this many
 */
public record ChatPrompt(String system, String user, int maxTokens) {

    /** The simulator's prompt text: the messages' contents, concatenated. */
    public String promptText() {
        return system + user;
    }

    /** A streaming OpenAI chat completion asking for {@code model}. */
    public byte[] body(String model) {
        StringBuilder json = new StringBuilder(system.length() + user.length() + 200)
                .append("{\"model\":\"").append(model).append("\",\"stream\":true,\"max_tokens\":").append(maxTokens)
                .append(",\"messages\":[");
        if (!system.isEmpty()) {
            json.append("{\"role\":\"system\",\"content\":\"").append(system).append("\"},");
        }
        json.append("{\"role\":\"user\",\"content\":\"").append(user).append("\"}]}");
        return json.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
