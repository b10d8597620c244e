package dev.infergate.sim.engine;

import dev.infergate.sim.model.GenerationRequest;
import dev.infergate.sim.model.Prompt;
import dev.infergate.sim.model.RealtimeDriver;
import dev.infergate.sim.model.SequenceHandle;
import dev.infergate.sim.model.SequenceListener;
import dev.infergate.sim.model.ServerSpec;
import dev.infergate.sim.model.Snapshot;
import dev.infergate.sim.model.Submission;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Timing from the queueing model: continuous batching, prefill and decode costs, KV-cache
 * admission and the prefix cache of one {@link ServerSpec}, run in real time.
 *
 * <p>Tokens are emitted on the model's driver thread. A request that could never fit the KV cache
 * fails with {@link CapacityExceededException}.
 */
public final class QueueingEngine implements GenerationEngine {

    private final RealtimeDriver driver;
    private final ServerSpec spec;
    private volatile double speed;

    public QueueingEngine(ServerSpec spec) {
        this.driver = RealtimeDriver.start(spec);
        this.spec = spec;
        this.speed = spec.speed();
    }

    @Override
    public Flux<Integer> generate(GenerationJob job) {
        return Flux.create(sink -> {
            Submission submission = driver.submit(new GenerationRequest(Prompt.ofText(job.prompt()), job.maxTokens()),
                    new SequenceListener() {
                        @Override
                        public void onToken(int index, long atNanos) {
                            sink.next(index);
                        }

                        @Override
                        public void onComplete(long atNanos) {
                            sink.complete();
                        }
                    });
            if (submission instanceof Submission.Rejected rejected) {
                sink.error(new CapacityExceededException(rejected.message()));
                return;
            }
            SequenceHandle handle = submission.orElseThrow();
            sink.onCancel(handle::cancel);
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    @Override
    public Optional<String> refusal(GenerationJob job) {
        if (job.prompt().isEmpty()) {
            return Optional.of("The prompt is empty.");
        }
        long needed = (long) job.promptTokens() + job.maxTokens();
        if (needed > spec.kvCacheTokens()) {
            return Optional.of("This request needs " + needed + " KV-cache tokens (" + job.promptTokens() + " prompt + "
                    + job.maxTokens() + " output), but server " + spec.name() + " holds at most " + spec.kvCacheTokens() + ".");
        }
        return Optional.empty();
    }

    @Override
    public Optional<CompletableFuture<Snapshot>> snapshot() {
        return Optional.of(driver.snapshot());
    }

    @Override
    public Optional<Snapshot> latestSnapshot() {
        return Optional.of(driver.latestSnapshot());
    }

    @Override
    public void setSpeed(double speed) {
        driver.setSpeed(speed);
        this.speed = speed;
    }

    @Override
    public double speed() {
        return speed;
    }

    @Override
    public void close() {
        driver.close();
    }

    /** The request needs more KV cache than the server has in total. */
    public static final class CapacityExceededException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        CapacityExceededException(String message) {
            super(message);
        }
    }
}
