package dev.infergate.sim.model;

/**
 * Receives what happens to one submitted request, in order: {@link #onToken} for tokens 0, 1,
 * ..., {@code maxTokens - 1}, then {@link #onComplete}. The first token (index 0) marks the time
 * to first token; there is no separate callback for it.
 *
 * <p>Times are the model's virtual nanoseconds ({@link ServerModel#now()}). Callbacks run on
 * the thread that advances the model ({@link ServerModel#advanceTo}; the driver thread under a
 * {@link RealtimeDriver}) and must return quickly. A cancelled request gets no further
 * callbacks. An exception thrown by a callback is logged and otherwise ignored.
 */
public interface SequenceListener {

    /**
     * Token {@code index} was generated at {@code atNanos}.
     *
     * @param index 0 for the first token
     */
    void onToken(int index, long atNanos);

    /** The last token was generated at {@code atNanos}; called right after its {@link #onToken}. */
    void onComplete(long atNanos);
}
