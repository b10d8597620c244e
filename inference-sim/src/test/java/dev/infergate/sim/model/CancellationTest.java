package dev.infergate.sim.model;

import static dev.infergate.sim.model.TestServers.DECODE_PER_SEQ;
import static dev.infergate.sim.model.TestServers.OVERHEAD;
import static dev.infergate.sim.model.TestServers.PREFILL_PER_TOKEN;
import static dev.infergate.sim.model.TestServers.millis;
import static dev.infergate.sim.model.TestServers.request;
import static dev.infergate.sim.model.TestServers.runUntilIdle;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CancellationTest {

    private final ServerModel model = ServerModel.create(TestServers.small());
    private final List<RecordingListener> listeners = new ArrayList<>();
    private final List<SequenceHandle> handles = new ArrayList<>();

    @Test
    void cancellingARunningRequestFreesItsSlotAndKvCacheForTheNextStep() {
        submitFive();
        model.advanceTo(millis(30)); // in the decode step from 25 ms to 31 ms

        handles.get(0).cancel();

        Snapshot afterCancel = model.snapshot();
        assertThat(afterCancel.running()).isEqualTo(3);
        assertThat(afterCancel.waiting()).isEqualTo(1);
        assertThat(afterCancel.kvCacheUsedTokens()).isEqualTo(3 * 110);
        assertThat(afterCancel.requestsCancelled()).isEqualTo(1);
        assertThat(model.nextEventNanos()).hasValue(millis(31));

        runUntilIdle(model);

        // At 31 ms the fifth is admitted: 3 decoding sequences and 100 prompt tokens.
        long admissionStep = OVERHEAD + 100 * PREFILL_PER_TOKEN + 3 * DECODE_PER_SEQ;
        assertThat(listeners.get(4).firstTokenAt()).isEqualTo(millis(31) + admissionStep).isEqualTo(millis(41.75));
        assertThat(listeners.get(0).tokenTimes).containsExactly(millis(25));
        assertThat(listeners.get(0).completedAt).isEqualTo(-1);
        assertThat(model.snapshot().requestsFinished()).isEqualTo(4);
        assertThat(model.snapshot().kvCacheUsedTokens()).isZero();
    }

    @Test
    void cancellingAWaitingRequestRemovesItFromTheQueue() {
        submitFive();
        model.advanceTo(millis(10));

        handles.get(4).cancel();

        assertThat(model.snapshot().waiting()).isZero();
        runUntilIdle(model);
        assertThat(listeners.get(4).tokenTimes).isEmpty();
        assertThat(model.now()).isEqualTo(millis(79));
    }

    @Test
    void theStepInProgressKeepsItsPlannedEndAfterItsOnlySequenceIsCancelled() {
        submitFive();
        for (SequenceHandle handle : handles) {
            model.advanceTo(millis(12));
            handle.cancel();
        }

        assertThat(model.nextEventNanos()).hasValue(millis(25));
        model.advanceTo(millis(25));
        assertThat(model.nextEventNanos()).isEmpty();
        assertThat(listeners).allSatisfy(listener -> assertThat(listener.tokenTimes).isEmpty());
    }

    @Test
    void cancellingTwiceOrAfterCompletionChangesNothing() {
        submitFive();
        runUntilIdle(model);

        handles.get(0).cancel();
        handles.get(0).cancel();

        assertThat(model.snapshot().requestsCancelled()).isZero();
        assertThat(model.snapshot().requestsFinished()).isEqualTo(5);
    }

    @Test
    void aListenerMayCancelItsOwnRequest() {
        List<SequenceHandle> self = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        self.add(model.submit(request(100, 10), new SequenceListener() {
            @Override
            public void onToken(int index, long atNanos) {
                seen.add(index);
                if (index == 2) {
                    self.get(0).cancel();
                }
            }

            @Override
            public void onComplete(long atNanos) {
                seen.add(-1);
            }
        }).orElseThrow());

        runUntilIdle(model);

        assertThat(seen).containsExactly(0, 1, 2);
        assertThat(model.snapshot().kvCacheUsedTokens()).isZero();
    }

    private void submitFive() {
        for (int i = 0; i < 5; i++) {
            RecordingListener listener = new RecordingListener();
            listeners.add(listener);
            handles.add(model.submit(request(100, 10), listener).orElseThrow());
        }
    }
}
