package dev.infergate.sim.model;

import java.util.Objects;

/**
 * What a client asks a simulated server for: a prompt and how many tokens to generate.
 *
 * <p>The simulator has no end-of-sequence token, so a request generates exactly
 * {@code maxTokens} tokens. A server passes the request's {@code max_tokens}, or
 * {@link ServerSpec#maxTokensOrDefault} when the request has none.
 *
 * @param prompt at least one token
 * @param maxTokens the output length, at least 1
 */
public record GenerationRequest(Prompt prompt, int maxTokens) {

    public GenerationRequest {
        Objects.requireNonNull(prompt, "prompt");
        if (prompt.length() < 1) {
            throw new IllegalArgumentException("prompt: 0 tokens (expected: at least 1 token)");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens: " + maxTokens + " (expected: > 0)");
        }
    }

    /** The KV-cache tokens the request reserves while it runs: prompt plus output. */
    public long kvTokens() {
        return (long) prompt.length() + maxTokens;
    }
}
