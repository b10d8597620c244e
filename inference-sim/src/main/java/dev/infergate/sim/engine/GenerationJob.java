package dev.infergate.sim.engine;

/**
 * One generation as the engine sees it.
 *
 * @param model the model name the request asked for
 * @param prompt the prompt text (tokens are derived from it, see {@link PromptTokens})
 * @param maxTokens how many output tokens the request produces
 */
public record GenerationJob(String model, String prompt, int maxTokens) {

    public GenerationJob {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens: " + maxTokens + " (expected: >= 1)");
        }
    }

    public int promptTokens() {
        return PromptTokens.count(prompt);
    }
}
