package dev.infergate.routing.admission;

import dev.infergate.routing.core.admission.Usage;
import org.jspecify.annotations.Nullable;

/**
 * What the response showed of a completion's token use once it ended.
 *
 * @param reported the {@code usage} object of a JSON answer or of the final SSE chunk; null when none passed
 * @param forwardedCompletionChunks SSE chunks carrying completion text that were handed to the
 *     client connection (one token each, as OpenAI-compatible servers stream by default)
 * @param ending how the response ended
 */
public record ObservedUsage(@Nullable Usage reported, long forwardedCompletionChunks, Ending ending) {

    public enum Ending {
        /** The whole response was written. */
        COMPLETED,
        /** The client went away (or the exchange was cancelled) before the end. */
        CANCELLED,
        /** Writing failed, e.g. the upstream broke the stream. */
        FAILED
    }
}
