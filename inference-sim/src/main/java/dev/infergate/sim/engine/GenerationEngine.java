package dev.infergate.sim.engine;

import reactor.core.publisher.Flux;

/**
 * Decides when a simulated server produces each output token.
 *
 * <p>{@link #generate} emits the token indexes {@code 0 .. maxTokens-1}, each at the time the
 * server produces it, then completes. Cancelling the subscription frees whatever the
 * generation held (a batch slot, cache capacity).
 */
public interface GenerationEngine extends AutoCloseable {

    Flux<Integer> generate(GenerationJob job);

    /** Changes the server's speed (1.0 = nominal) for the work that follows. */
    void setSpeed(double speed);

    double speed();

    @Override
    default void close() {
    }
}
