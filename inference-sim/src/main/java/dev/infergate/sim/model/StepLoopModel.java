package dev.infergate.sim.model;

import dev.infergate.sim.model.StepPlan.Admission;
import dev.infergate.sim.model.StepPlan.Work;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ServerModel} of vLLM's step loop. Between steps the model holds either a step in
 * flight (composed and committed, with a known end) or a pending start time, at which the next
 * step will be composed once time moves past it.
 */
final class StepLoopModel implements ServerModel {

    private final ServerSpec spec;
    private final PrefixCache prefixCache;
    private final ArrayDeque<Sequence> waiting = new ArrayDeque<>();
    private final List<Sequence> running = new ArrayList<>();

    private double speed;
    private long now;
    private long kvUsedTokens;
    private @Nullable StepPlan inFlight;
    private boolean stepPending;
    private long pendingStartNanos;
    private boolean advancing;

    private long prefixQueriedTokens;
    private long prefixHitTokens;
    private long promptTokens;
    private long generationTokens;
    private long finished;
    private long cancelled;
    private LatencyHistogram timeToFirstToken = LatencyHistogram.vllmTimeToFirstToken();

    StepLoopModel(ServerSpec spec) {
        this.spec = spec;
        this.speed = spec.speed();
        this.prefixCache = new PrefixCache(spec.prefixCacheTokens(), spec.prefixBlockTokens());
    }

    @Override
    public ServerSpec spec() {
        return spec;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public double speed() {
        return speed;
    }

    @Override
    public void setSpeed(double speed) {
        ServerSpec.checkSpeed(speed);
        this.speed = speed;
    }

    @Override
    public Submission submit(GenerationRequest request, SequenceListener listener) {
        Submission.Rejected rejected = Submission.Rejected.check(spec, request);
        if (rejected != null) {
            return rejected;
        }
        Sequence sequence = new Sequence(request, now,
                BlockHashes.of(request.prompt(), spec.prefixBlockTokens()), listener, this);
        waiting.addLast(sequence);
        if (inFlight == null && !stepPending) {
            stepPending = true;
            pendingStartNanos = now;
        }
        return new Submission.Accepted(sequence);
    }

    @Override
    public void advanceTo(long nanos) {
        if (advancing) {
            throw new IllegalStateException("advanceTo: called from a listener (expected: outside callbacks)");
        }
        if (nanos < now) {
            throw new IllegalArgumentException("nanos: " + nanos + " (expected: >= now, " + now + ")");
        }
        advancing = true;
        try {
            while (true) {
                StepPlan step = inFlight;
                if (step != null) {
                    if (step.endNanos() > nanos) {
                        break;
                    }
                    finish(step);
                } else if (stepPending && pendingStartNanos < nanos) {
                    commit(plan(pendingStartNanos));
                } else {
                    break;
                }
            }
            now = nanos;
        } finally {
            advancing = false;
        }
    }

    @Override
    public OptionalLong nextEventNanos() {
        StepPlan step = inFlight;
        if (step != null) {
            return OptionalLong.of(step.endNanos());
        }
        return stepPending ? OptionalLong.of(plan(pendingStartNanos).endNanos()) : OptionalLong.empty();
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(now, running.size(), waiting.size(), spec.maxBatch(), kvUsedTokens,
                spec.kvCacheTokens(), prefixQueriedTokens, prefixHitTokens, promptTokens,
                generationTokens, finished, cancelled, timeToFirstToken);
    }

    void cancel(Sequence sequence) {
        switch (sequence.state) {
            case WAITING -> waiting.remove(sequence);
            case RUNNING -> {
                running.remove(sequence);
                kvUsedTokens -= sequence.request.kvTokens();
            }
            case FINISHED, CANCELLED -> {
                return;
            }
        }
        sequence.state = Sequence.State.CANCELLED;
        cancelled++;
        if (inFlight == null && running.isEmpty() && waiting.isEmpty()) {
            stepPending = false;
        }
    }

    /** Composes the step starting at {@code start} from the current state, without changing it. */
    private StepPlan plan(long start) {
        int blockTokens = spec.prefixBlockTokens();
        int freeSlots = spec.maxBatch() - running.size();
        long freeKvTokens = spec.kvCacheTokens() - kvUsedTokens;
        List<Admission> admissions = new ArrayList<>();
        for (Sequence candidate : waiting) {
            if (freeSlots == 0 || candidate.request.kvTokens() > freeKvTokens) {
                break;
            }
            int cacheableBlocks = (candidate.promptTokens() - 1) / blockTokens;
            int cachedBlocks = prefixCache.cachedLeadingBlocks(candidate.blockKeys, cacheableBlocks);
            admissions.add(new Admission(candidate, cachedBlocks * blockTokens));
            freeSlots--;
            freeKvTokens -= candidate.request.kvTokens();
        }
        List<Work> work = new ArrayList<>();
        int budget = spec.prefillBudgetPerStep();
        for (Sequence sequence : running) {
            budget -= addWork(work, sequence, sequence.promptTokens() - sequence.computedPromptTokens, budget);
        }
        for (Admission admission : admissions) {
            Sequence sequence = admission.sequence();
            budget -= addWork(work, sequence, sequence.promptTokens() - admission.cachedTokens(), budget);
        }
        int prefillTokens = spec.prefillBudgetPerStep() - budget;
        int decoding = (int) work.stream().filter(w -> w.prefillTokens() == 0).count();
        long duration = StepCost.nanos(spec, speed, prefillTokens, decoding);
        return new StepPlan(start, start + duration, List.copyOf(admissions), List.copyOf(work));
    }

    /** Adds the sequence's work for a step and returns the prefill budget it takes. */
    private static int addWork(List<Work> work, Sequence sequence, int promptTokensLeft, int budget) {
        if (promptTokensLeft == 0) {
            work.add(new Work(sequence, 0));
            return 0;
        }
        int chunk = Math.min(budget, promptTokensLeft);
        if (chunk > 0) {
            work.add(new Work(sequence, chunk));
        }
        return chunk;
    }

    private void commit(StepPlan step) {
        int blockTokens = spec.prefixBlockTokens();
        for (Admission admission : step.admissions()) {
            Sequence sequence = waiting.removeFirst();
            assert sequence == admission.sequence();
            sequence.state = Sequence.State.RUNNING;
            sequence.computedPromptTokens = admission.cachedTokens();
            kvUsedTokens += sequence.request.kvTokens();
            if (prefixCache.enabled()) {
                prefixQueriedTokens += sequence.promptTokens();
                prefixHitTokens += admission.cachedTokens();
                prefixCache.touch(sequence.blockKeys, admission.cachedTokens() / blockTokens);
            }
            running.add(sequence);
        }
        stepPending = false;
        inFlight = step;
    }

    private void finish(StepPlan step) {
        inFlight = null;
        now = step.endNanos();
        List<Sequence> emitted = new ArrayList<>(step.work().size());
        for (Work work : step.work()) {
            Sequence sequence = work.sequence();
            if (sequence.state != Sequence.State.RUNNING) {
                continue;
            }
            if (work.prefillTokens() > 0) {
                sequence.computedPromptTokens += work.prefillTokens();
                if (sequence.inPrefill()) {
                    continue;
                }
                promptTokens += sequence.promptTokens();
                timeToFirstToken = timeToFirstToken.withObservation(now - sequence.arrivalNanos);
                prefixCache.touch(sequence.blockKeys, sequence.blockKeys.length);
            }
            sequence.generatedTokens++;
            generationTokens++;
            if (sequence.isFinished()) {
                running.remove(sequence);
                kvUsedTokens -= sequence.request.kvTokens();
                sequence.state = Sequence.State.FINISHED;
                finished++;
            }
            emitted.add(sequence);
        }
        stepPending = !running.isEmpty() || !waiting.isEmpty();
        pendingStartNanos = now;
        notify(emitted);
    }

    /** Tells listeners about the tokens emitted at {@link #now}, skipping sequences cancelled meanwhile. */
    private void notify(List<Sequence> emitted) {
        for (Sequence sequence : emitted) {
            if (sequence.state == Sequence.State.CANCELLED) {
                continue;
            }
            sequence.notifyToken(sequence.generatedTokens - 1, now);
            if (sequence.isFinished()) {
                sequence.notifyComplete(now);
            }
        }
    }
}
