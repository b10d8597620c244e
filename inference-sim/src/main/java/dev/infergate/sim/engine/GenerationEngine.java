package dev.infergate.sim.engine;

import dev.infergate.sim.model.Snapshot;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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

    /** Why this server can never run the job (it would not fit at all), or empty when it can. */
    default Optional<String> refusal(GenerationJob job) {
        return Optional.empty();
    }

    /** The engine's queueing state now, when it models one (for {@code /metrics}). */
    default Optional<CompletableFuture<Snapshot>> snapshot() {
        return Optional.empty();
    }

    /** The state after the latest step, without waiting (for per-response load reports). */
    default Optional<Snapshot> latestSnapshot() {
        return Optional.empty();
    }

    /** Changes the server's speed (1.0 = nominal) for the work that follows. */
    void setSpeed(double speed);

    double speed();

    @Override
    default void close() {
    }
}
