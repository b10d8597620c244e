package dev.infergate.routing.core.admission;

/**
 * What admission charges a token limit before the answer is known.
 *
 * @param promptTokens estimated prompt tokens
 * @param completionTokens the completion tokens the request may produce at most
 */
public record TokenEstimate(long promptTokens, long completionTokens) {

    public TokenEstimate {
        if (promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token estimate: " + promptTokens + " + " + completionTokens + " (expected: >= 0)");
        }
    }

    public long total() {
        return promptTokens + completionTokens;
    }
}
