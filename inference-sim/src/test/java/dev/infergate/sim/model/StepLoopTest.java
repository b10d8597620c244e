package dev.infergate.sim.model;

import static dev.infergate.sim.model.TestServers.DECODE_PER_SEQ;
import static dev.infergate.sim.model.TestServers.OVERHEAD;
import static dev.infergate.sim.model.TestServers.PREFILL_PER_TOKEN;
import static dev.infergate.sim.model.TestServers.millis;
import static dev.infergate.sim.model.TestServers.request;
import static dev.infergate.sim.model.TestServers.runUntilIdle;
import static dev.infergate.sim.model.TestServers.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class StepLoopTest {

    private final ServerModel model = ServerModel.create(TestServers.small());

    @Test
    void aSingleRequestGetsItsFirstTokenAfterOnePrefillStepAndOneTokenPerDecodeStep() {
        RecordingListener listener = submit(model, request(100, 10));

        runUntilIdle(model);

        long prefillStep = OVERHEAD + 100 * PREFILL_PER_TOKEN;
        long decodeStep = OVERHEAD + DECODE_PER_SEQ;
        assertThat(prefillStep).isEqualTo(millis(10));
        assertThat(decodeStep).isEqualTo(millis(5.25));
        assertThat(listener.firstTokenAt()).isEqualTo(millis(10));
        assertThat(listener.tokenTimes).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(listener.tokenTimes.get(i)).isEqualTo(prefillStep + i * decodeStep);
        }
        assertThat(listener.completedAt).isEqualTo(millis(57.25));
    }

    @Test
    void anIdleServerStartsItsFirstStepWhenTheRequestArrives() {
        model.advanceTo(millis(100));

        RecordingListener listener = submit(model, request(100, 1));
        runUntilIdle(model);

        assertThat(listener.firstTokenAt()).isEqualTo(millis(110));
        assertThat(listener.completedAt).isEqualTo(millis(110));
    }

    @ParameterizedTest(name = "{0} running sequences decode a token every {1} ms")
    @CsvSource({"1, 5.25", "2, 5.5", "3, 5.75", "4, 6.0"})
    void decodeSlowsAsTheBatchFills(int sequences, double intervalMillis) {
        List<RecordingListener> listeners = new ArrayList<>();
        for (int i = 0; i < sequences; i++) {
            listeners.add(submit(model, request(100, 10)));
        }

        runUntilIdle(model);

        long interval = OVERHEAD + sequences * DECODE_PER_SEQ;
        assertThat(interval).isEqualTo(millis(intervalMillis));
        for (RecordingListener listener : listeners) {
            assertThat(listener.firstTokenAt()).isEqualTo(OVERHEAD + sequences * 100 * PREFILL_PER_TOKEN);
            for (int i = 1; i < 10; i++) {
                assertThat(listener.interval(i)).isEqualTo(interval);
            }
        }
    }

    @Test
    void requestsArrivingAtTheSameInstantShareTheFirstStep() {
        RecordingListener first = submit(model, request(100, 1));
        model.advanceTo(0);
        RecordingListener second = submit(model, request(100, 1));

        runUntilIdle(model);

        assertThat(first.firstTokenAt()).isEqualTo(OVERHEAD + 200 * PREFILL_PER_TOKEN);
        assertThat(second.firstTokenAt()).isEqualTo(first.firstTokenAt());
    }

    @Test
    void aRequestArrivingDuringAStepJoinsTheNextStep() {
        RecordingListener first = submit(model, request(100, 3));
        model.advanceTo(millis(1));
        RecordingListener second = submit(model, request(100, 1));

        runUntilIdle(model);

        assertThat(first.tokenTimes).containsExactly(millis(10), millis(20.25), millis(25.5));
        // Step 2 (10 ms to 20.25 ms): the first decodes, the second prefills 100 tokens.
        assertThat(second.firstTokenAt()).isEqualTo(millis(10) + OVERHEAD + 100 * PREFILL_PER_TOKEN + DECODE_PER_SEQ);
    }

    @Test
    void chunkedPrefillServesTheBudgetFirstComeFirstServed() {
        RecordingListener first = submit(model, request(400, 2));
        RecordingListener second = submit(model, request(400, 1));

        runUntilIdle(model);

        // Step 1: the first takes 400 of the 512 prompt tokens, the second 112.
        long step1 = OVERHEAD + 512 * PREFILL_PER_TOKEN;
        // Step 2: the first decodes, the second prefills its remaining 288 tokens.
        long step2 = OVERHEAD + 288 * PREFILL_PER_TOKEN + DECODE_PER_SEQ;
        assertThat(first.tokenTimes).containsExactly(step1, step1 + step2);
        assertThat(second.firstTokenAt()).isEqualTo(millis(50.25)).isEqualTo(step1 + step2);
    }

    @Test
    void theSnapshotCountsTokensAndTimeToFirstToken() {
        submit(model, request(100, 10));

        model.advanceTo(millis(12));

        Snapshot snapshot = model.snapshot();
        assertThat(snapshot.atNanos()).isEqualTo(millis(12));
        assertThat(snapshot.running()).isEqualTo(1);
        assertThat(snapshot.waiting()).isZero();
        assertThat(snapshot.kvCacheUsedTokens()).isEqualTo(110);
        assertThat(snapshot.kvCacheCapacityTokens()).isEqualTo(4096);
        assertThat(snapshot.promptTokens()).isEqualTo(100);
        assertThat(snapshot.generationTokens()).isEqualTo(1);
        assertThat(snapshot.requestsFinished()).isZero();
        assertThat(snapshot.timeToFirstToken())
                .isEqualTo(LatencyHistogram.vllmTimeToFirstToken().withObservation(millis(10)));

        runUntilIdle(model);

        Snapshot done = model.snapshot();
        assertThat(done.running()).isZero();
        assertThat(done.kvCacheUsedTokens()).isZero();
        assertThat(done.generationTokens()).isEqualTo(10);
        assertThat(done.requestsFinished()).isEqualTo(1);
    }

    @Test
    void nextEventIsTheEndOfTheNextStepOrEmptyWhenIdle() {
        assertThat(model.nextEventNanos()).isEmpty();

        submit(model, request(100, 2));

        assertThat(model.nextEventNanos()).hasValue(millis(10));
        model.advanceTo(millis(10));
        assertThat(model.nextEventNanos()).hasValue(millis(15.25));
        model.advanceTo(millis(15.25));
        assertThat(model.nextEventNanos()).isEmpty();
    }

    @Test
    void timeCannotGoBackwards() {
        model.advanceTo(millis(5));

        assertThatThrownBy(() -> model.advanceTo(millis(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nanos: 4000000 (expected: >= now, 5000000)");
    }

    @Test
    void aListenerCannotAdvanceTheModel() {
        List<Throwable> failures = new ArrayList<>();
        model.submit(request(100, 1), new SequenceListener() {
            @Override
            public void onToken(int index, long atNanos) {
                try {
                    model.advanceTo(atNanos + 1);
                } catch (IllegalStateException e) {
                    failures.add(e);
                }
            }

            @Override
            public void onComplete(long atNanos) {}
        }).orElseThrow();

        runUntilIdle(model);

        assertThat(failures).singleElement().extracting(Throwable::getMessage)
                .isEqualTo("advanceTo: called from a listener (expected: outside callbacks)");
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        model.submit(request(100, 2), new SequenceListener() {
            @Override
            public void onToken(int index, long atNanos) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void onComplete(long atNanos) {}
        }).orElseThrow();
        RecordingListener healthy = submit(model, request(100, 2));

        runUntilIdle(model);

        assertThat(healthy.tokenTimes).hasSize(2);
        assertThat(model.snapshot().requestsFinished()).isEqualTo(2);
    }
}
