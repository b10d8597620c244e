package dev.infergate.sim.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model's record of one accepted request, from arrival to completion or cancellation.
 *
 * <p>Mutable and confined to the thread that drives its {@link StepLoopModel}.
 */
final class Sequence implements SequenceHandle {

    private static final Logger log = LoggerFactory.getLogger(Sequence.class);

    enum State { WAITING, RUNNING, FINISHED, CANCELLED }

    final GenerationRequest request;
    final long arrivalNanos;
    final long[] blockKeys;
    private final SequenceListener listener;
    private final StepLoopModel model;

    State state = State.WAITING;
    /** Prompt tokens already computed or found in the prefix cache. */
    int computedPromptTokens;
    /** Output tokens generated so far. */
    int generatedTokens;

    Sequence(GenerationRequest request, long arrivalNanos, long[] blockKeys, SequenceListener listener,
            StepLoopModel model) {
        this.request = request;
        this.arrivalNanos = arrivalNanos;
        this.blockKeys = blockKeys;
        this.listener = listener;
        this.model = model;
    }

    int promptTokens() {
        return request.prompt().length();
    }

    boolean inPrefill() {
        return computedPromptTokens < promptTokens();
    }

    boolean isFinished() {
        return generatedTokens == request.maxTokens();
    }

    @Override
    public void cancel() {
        model.cancel(this);
    }

    void notifyToken(int index, long atNanos) {
        try {
            listener.onToken(index, atNanos);
        } catch (RuntimeException e) {
            log.warn("A sequence listener failed on token {}; the simulation goes on", index, e);
        }
    }

    void notifyComplete(long atNanos) {
        try {
            listener.onComplete(atNanos);
        } catch (RuntimeException e) {
            log.warn("A sequence listener failed on completion; the simulation goes on", e);
        }
    }
}
