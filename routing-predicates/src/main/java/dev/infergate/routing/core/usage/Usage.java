package dev.infergate.routing.core.usage;

import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * What an inference response said about itself.
 *
 * @param model the {@code model} the upstream answered with, if any
 * @param inputTokens {@code usage.prompt_tokens}, when reported
 * @param outputTokens {@code usage.completion_tokens}, when reported
 * @param finishReasons the {@code finish_reason} values seen, in order
 */
public record Usage(@Nullable String model, OptionalLong inputTokens, OptionalLong outputTokens, List<String> finishReasons) {

    public static final Usage NONE = new Usage(null, OptionalLong.empty(), OptionalLong.empty(), List.of());

    public Usage {
        finishReasons = List.copyOf(finishReasons);
    }

    /** Whether the upstream reported token counts (the final usage of a stream, or of a JSON body). */
    public boolean reported() {
        return inputTokens.isPresent() || outputTokens.isPresent();
    }
}
