package dev.infergate.routing.core.admission;

/**
 * The tokens a completion used, as the upstream reported them ({@code usage}) or as the gateway
 * counted them when a stream ended early.
 */
public record Usage(long promptTokens, long completionTokens) {

    public Usage {
        if (promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("usage: " + promptTokens + " + " + completionTokens + " (expected: >= 0)");
        }
    }

    public long total() {
        return promptTokens + completionTokens;
    }
}
