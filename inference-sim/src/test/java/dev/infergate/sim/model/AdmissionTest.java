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

final class AdmissionTest {

    private final ServerModel model = ServerModel.create(TestServers.small());

    @Test
    void theRequestBeyondMaxBatchWaitsForTheFirstCompletionThenIsAdmitted() {
        List<RecordingListener> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(submit(model, request(100, 10)));
        }
        RecordingListener fifth = submit(model, request(100, 10));

        // Step 1 prefills 4 × 100 tokens; then 9 decode steps of 4 sequences.
        long prefill4 = OVERHEAD + 400 * PREFILL_PER_TOKEN;
        long decode4 = OVERHEAD + 4 * DECODE_PER_SEQ;
        long batchDone = prefill4 + 9 * decode4;
        assertThat(batchDone).isEqualTo(millis(79));

        model.advanceTo(batchDone - 1);
        assertThat(model.snapshot().running()).isEqualTo(4);
        assertThat(model.snapshot().waiting()).isEqualTo(1);
        assertThat(fifth.tokenTimes).isEmpty();

        runUntilIdle(model);

        for (RecordingListener listener : batch) {
            assertThat(listener.completedAt).isEqualTo(batchDone);
        }
        assertThat(fifth.firstTokenAt()).isEqualTo(batchDone + OVERHEAD + 100 * PREFILL_PER_TOKEN)
                .isEqualTo(millis(89));
        assertThat(fifth.completedAt).isEqualTo(millis(89) + 9 * (OVERHEAD + DECODE_PER_SEQ));
    }

    @Test
    void aRequestThatDoesNotFitTheFreeKvCacheWaitsUntilCapacityIsReleased() {
        RecordingListener large = submit(model, request(3000, 10));
        RecordingListener next = submit(model, request(1000, 100));

        // 3000 prompt tokens take 5 steps of 512 and one of 440; then 9 decode steps.
        long fullChunk = OVERHEAD + 512 * PREFILL_PER_TOKEN;
        long largeFirstToken = 5 * fullChunk + OVERHEAD + 440 * PREFILL_PER_TOKEN;
        long largeDone = largeFirstToken + 9 * (OVERHEAD + DECODE_PER_SEQ);
        assertThat(largeFirstToken).isEqualTo(millis(180));
        assertThat(largeDone).isEqualTo(millis(227.25));

        model.advanceTo(millis(100));
        Snapshot meanwhile = model.snapshot();
        assertThat(meanwhile.running()).isEqualTo(1);
        assertThat(meanwhile.waiting()).isEqualTo(1);
        assertThat(meanwhile.kvCacheUsedTokens()).isEqualTo(3010);

        runUntilIdle(model);

        assertThat(large.completedAt).isEqualTo(largeDone);
        // 1000 prompt tokens: 512, then 488.
        long nextPrefill = fullChunk + OVERHEAD + 488 * PREFILL_PER_TOKEN;
        assertThat(next.firstTokenAt()).isEqualTo(largeDone + nextPrefill).isEqualTo(millis(287.25));
    }

    @Test
    void aSmallRequestDoesNotOvertakeTheBlockedHeadOfTheQueue() {
        submit(model, request(3000, 10));
        RecordingListener blockedHead = submit(model, request(1000, 100));
        RecordingListener small = submit(model, request(10, 10));

        model.advanceTo(millis(100));
        assertThat(model.snapshot().waiting()).isEqualTo(2);

        runUntilIdle(model);

        // Both are admitted at 227.25 ms; the head takes the whole budget of the first step
        // (512 tokens), then the head's 488 and the small request's 10 share the second.
        long admitted = millis(227.25);
        long secondStep = OVERHEAD + 498 * PREFILL_PER_TOKEN;
        long firstTokens = admitted + OVERHEAD + 512 * PREFILL_PER_TOKEN + secondStep;
        assertThat(blockedHead.firstTokenAt()).isEqualTo(firstTokens);
        assertThat(small.firstTokenAt()).isEqualTo(firstTokens).isEqualTo(millis(287.75));
    }

    @Test
    void aRequestLargerThanTheWholeKvCacheIsRejectedAtSubmit() {
        RecordingListener listener = new RecordingListener();

        Submission submission = model.submit(request(4000, 100), listener);

        assertThat(submission).isEqualTo(new Submission.Rejected(
                "This request needs 4100 KV-cache tokens (4000 prompt + 100 output), but server t holds at most 4096.",
                4100, 4096));
        assertThatThrownBy(submission::orElseThrow)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("This request needs 4100 KV-cache tokens");
        assertThat(model.nextEventNanos()).isEmpty();
        assertThat(model.snapshot().waiting()).isZero();
    }

    @Test
    void aRequestFillingTheWholeKvCacheIsAccepted() {
        RecordingListener listener = submit(model, request(4000, 96));

        runUntilIdle(model);

        assertThat(listener.tokenTimes).hasSize(96);
    }

    @Test
    void requestsAreValidated() {
        assertThatThrownBy(() -> request(10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTokens: 0 (expected: > 0)");
        assertThatThrownBy(() -> new GenerationRequest(Prompt.ofText(""), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prompt: 0 tokens (expected: at least 1 token)");
    }
}
