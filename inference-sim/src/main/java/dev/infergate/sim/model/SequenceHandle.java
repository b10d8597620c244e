package dev.infergate.sim.model;

/** A submitted request, which its submitter may abandon. */
public interface SequenceHandle {

    /**
     * Abandons the request, like a client disconnecting from vLLM: a waiting request leaves the
     * queue; a running one leaves the batch and releases its KV-cache reservation at once, and
     * the step in progress keeps its planned duration. No callback follows. Does nothing once
     * the request completed or was cancelled.
     */
    void cancel();
}
