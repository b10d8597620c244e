package dev.infergate.sim.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of submitting a request: {@link Accepted} (it will run, now or after waiting) or
 * {@link Rejected} (it can never run on this server).
 */
public sealed interface Submission permits Submission.Accepted, Submission.Rejected {

    /**
     * The handle of an accepted request.
     *
     * @throws IllegalArgumentException with the rejection message when the request was rejected
     */
    SequenceHandle orElseThrow();

    /** The request was queued; its listener will hear about every token. */
    record Accepted(SequenceHandle handle) implements Submission {

        public Accepted {
            Objects.requireNonNull(handle, "handle");
        }

        @Override
        public SequenceHandle orElseThrow() {
            return handle;
        }
    }

    /**
     * The request needs more KV-cache tokens than the server has in total, so it could never be
     * admitted (vLLM answers such a request with HTTP 400). Its listener is never called.
     *
     * @param message a sentence for the client, naming the numbers
     * @param requestedTokens prompt plus output tokens
     * @param capacityTokens the server's {@link ServerSpec#kvCacheTokens()}
     */
    record Rejected(String message, long requestedTokens, int capacityTokens) implements Submission {

        public Rejected {
            Objects.requireNonNull(message, "message");
        }

        /** The rejection of {@code request} by {@code spec}'s server, or {@code null} when it fits. */
        static @Nullable Rejected check(ServerSpec spec, GenerationRequest request) {
            if (request.kvTokens() <= spec.kvCacheTokens()) {
                return null;
            }
            return new Rejected("This request needs " + request.kvTokens() + " KV-cache tokens ("
                    + request.prompt().length() + " prompt + " + request.maxTokens() + " output), but server "
                    + spec.name() + " holds at most " + spec.kvCacheTokens() + ".",
                    request.kvTokens(), spec.kvCacheTokens());
        }

        @Override
        public SequenceHandle orElseThrow() {
            throw new IllegalArgumentException(message);
        }
    }
}
