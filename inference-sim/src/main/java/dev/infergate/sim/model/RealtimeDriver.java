package dev.infergate.sim.model;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ServerModel} in real time, for a live simulated server.
 *
 * <p>Model time is the nanosecond clock ({@link System#nanoTime()} unless injected) minus its
 * reading when the driver started, so model time 0 is the start. Every operation runs as a task
 * on the driver's executor: it advances the model to the time of the operation (emitting the
 * tokens due by then), does its work, and schedules a wake-up at {@link
 * ServerModel#nextEventNanos()}, which advances the model to the clock's reading. The model is only touched under the driver's lock, so a shared
 * multi-threaded executor is also safe.
 *
 * <p>{@link #submit}, {@link SequenceHandle#cancel()}, {@link #setSpeed} and {@link #snapshot}
 * may be called from any thread and return without waiting. Each takes effect at the clock's
 * reading when it was called (a request arrives then, a cancellation happens then), or at the
 * model's current time when the driver thread has already gone past it. <b>Listener callbacks run on the driver's executor thread</b>,
 * with the driver's lock held: they must not block, and times they receive are model times.
 *
 * <p>A driver created with {@link #start(ServerSpec)} owns a single daemon thread, which
 * {@link #close()} stops. After {@code close()} the model stops: requests in flight get no more
 * callbacks and {@link #submit} throws {@link IllegalStateException}.
 */
public final class RealtimeDriver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RealtimeDriver.class);

    private final ServerModel model;
    private final ScheduledExecutorService executor;
    private final boolean ownsExecutor;
    private final LongSupplier nanoClock;
    private final long originNanos;
    private final Object lock = new Object();

    private volatile Snapshot latest;
    private @Nullable ScheduledFuture<?> wakeUp;
    private long wakeUpAtNanos;
    private volatile boolean closed;

    private RealtimeDriver(ServerSpec spec, ScheduledExecutorService executor, boolean ownsExecutor,
            LongSupplier nanoClock) {
        this.model = ServerModel.create(spec);
        this.executor = executor;
        this.ownsExecutor = ownsExecutor;
        this.nanoClock = nanoClock;
        this.originNanos = nanoClock.getAsLong();
        this.latest = model.snapshot();
    }

    /** Drives a new model of {@code spec} on its own daemon thread, named after the server, on {@link System#nanoTime()}. */
    public static RealtimeDriver start(ServerSpec spec) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "infergate-sim-" + spec.name());
            thread.setDaemon(true);
            return thread;
        });
        return new RealtimeDriver(spec, executor, true, System::nanoTime);
    }

    /**
     * Drives a new model of {@code spec} on {@code executor}, which {@link #close()} leaves
     * running, with time read from {@code nanoClock} (a stand-in for {@link System#nanoTime()}).
     */
    public static RealtimeDriver start(ServerSpec spec, ScheduledExecutorService executor, LongSupplier nanoClock) {
        return new RealtimeDriver(spec, executor, false, nanoClock);
    }

    public ServerSpec spec() {
        return model.spec();
    }

    /** The current model time: nanoseconds since the driver started. */
    public long elapsedNanos() {
        return nanoClock.getAsLong() - originNanos;
    }

    /**
     * Submits {@code request}; {@code listener} hears about its tokens on the driver thread.
     *
     * @return {@link Submission.Rejected} at once when the request can never fit the KV cache,
     *     else {@link Submission.Accepted} with a handle that may be cancelled from any thread
     * @throws IllegalStateException after {@link #close()}
     */
    public Submission submit(GenerationRequest request, SequenceListener listener) {
        Submission.Rejected rejected = Submission.Rejected.check(model.spec(), request);
        if (rejected != null) {
            return rejected;
        }
        DriverHandle handle = new DriverHandle();
        long at = elapsedNanos();
        execute(() -> {
            if (!handle.cancelled) {
                advanceTo(at);
                handle.modelHandle = model.submit(request, listener).orElseThrow();
            }
        });
        return new Submission.Accepted(handle);
    }

    /**
     * Changes the server's speed for the steps that start after the task runs.
     *
     * @throws IllegalArgumentException when {@code speed} is not positive and finite
     */
    public void setSpeed(double speed) {
        ServerSpec.checkSpeed(speed);
        long at = elapsedNanos();
        execute(() -> {
            advanceTo(at);
            model.setSpeed(speed);
        });
    }

    /** The server's state at the time of the call, once the model has caught up with it; completes on the driver thread. */
    public CompletableFuture<Snapshot> snapshot() {
        CompletableFuture<Snapshot> snapshot = new CompletableFuture<>();
        long at = elapsedNanos();
        execute(() -> {
            advanceTo(at);
            snapshot.complete(model.snapshot());
        });
        return snapshot;
    }

    /**
     * The state after the driver's latest task or step, without waiting: at most one step old
     * while the server is busy. Cheap enough for a load-report header on every response.
     */
    public Snapshot latestSnapshot() {
        return latest;
    }

    /** Stops the model; stops the thread when the driver owns it. Idempotent. */
    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            cancelWakeUp();
        }
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }

    private void execute(Runnable task) {
        if (closed) {
            throw new IllegalStateException("The simulated server " + model.spec().name() + " was closed");
        }
        try {
            executor.execute(() -> runLocked(task));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("The executor of the simulated server " + model.spec().name()
                    + " no longer accepts tasks", e);
        }
    }

    private void runLocked(Runnable task) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("The simulated server {} failed a task; it keeps running", model.spec().name(), e);
            } finally {
                latest = model.snapshot();
                scheduleWakeUp();
            }
        }
    }

    /** Advances the model to {@code at}, or leaves it where it is when another task already went further. */
    private void advanceTo(long at) {
        model.advanceTo(Math.max(model.now(), at));
    }

    private void scheduleWakeUp() {
        OptionalLong next = model.nextEventNanos();
        if (next.isEmpty()) {
            cancelWakeUp();
            return;
        }
        long at = next.getAsLong();
        if (wakeUp != null && wakeUpAtNanos == at) {
            return;
        }
        cancelWakeUp();
        long delay = Math.max(0, at - elapsedNanos());
        try {
            wakeUp = executor.schedule(() -> runLocked(this::wakeUp), delay, TimeUnit.NANOSECONDS);
            wakeUpAtNanos = at;
        } catch (RejectedExecutionException e) {
            log.warn("The executor of the simulated server {} stopped; the model stops", model.spec().name());
        }
    }

    private void wakeUp() {
        wakeUp = null;
        advanceTo(elapsedNanos());
    }

    private void cancelWakeUp() {
        ScheduledFuture<?> pending = wakeUp;
        if (pending != null) {
            pending.cancel(false);
            wakeUp = null;
        }
    }

    /** The handle given out before the model has seen the request; the model's handle is bound on the driver thread. */
    private final class DriverHandle implements SequenceHandle {

        private volatile boolean cancelled;
        private @Nullable SequenceHandle modelHandle;

        @Override
        public void cancel() {
            if (cancelled || closed) {
                return;
            }
            cancelled = true;
            long at = elapsedNanos();
            try {
                execute(() -> {
                    SequenceHandle bound = modelHandle;
                    if (bound != null) {
                        advanceTo(at);
                        bound.cancel();
                    }
                });
            } catch (IllegalStateException closedMeanwhile) {
                // The model stopped: there is nothing left to cancel.
            }
        }
    }
}
