package dev.infergate.sim.model;

import static dev.infergate.sim.model.TestServers.OVERHEAD;
import static dev.infergate.sim.model.TestServers.PREFILL_PER_TOKEN;
import static dev.infergate.sim.model.TestServers.millis;
import static dev.infergate.sim.model.TestServers.runUntilIdle;
import static dev.infergate.sim.model.TestServers.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class PrefixCachingTest {

    private static final int[] SHARED_PREFIX = IntStream.range(1000, 1320).toArray(); // 320 tokens, 20 blocks

    private final ServerModel model = ServerModel.create(TestServers.small());

    @Test
    void aSecondRequestWithTheSameLongPrefixSkipsTheCachedBlocksPrefill() {
        RecordingListener first = submit(model, new GenerationRequest(withSuffix(SHARED_PREFIX, 1, 8), 1));
        runUntilIdle(model);
        model.advanceTo(millis(100));

        RecordingListener second = submit(model, new GenerationRequest(withSuffix(SHARED_PREFIX, 2, 8), 1));
        runUntilIdle(model);

        long firstTtft = first.firstTokenAt();
        long secondTtft = second.firstTokenAt() - millis(100);
        assertThat(firstTtft).isEqualTo(OVERHEAD + 328 * PREFILL_PER_TOKEN);
        assertThat(secondTtft).isEqualTo(OVERHEAD + 8 * PREFILL_PER_TOKEN);
        assertThat(firstTtft - secondTtft).isEqualTo(320 * PREFILL_PER_TOKEN).isEqualTo(millis(16));
        Snapshot snapshot = model.snapshot();
        assertThat(snapshot.prefixCacheQueriedTokens()).isEqualTo(656);
        assertThat(snapshot.prefixCacheHitTokens()).isEqualTo(320);
        assertThat(snapshot.promptTokens()).isEqualTo(656);
    }

    @Test
    void anIdenticalPromptStillComputesItsLastBlock() {
        submit(model, new GenerationRequest(Prompt.ofTokens(SHARED_PREFIX), 1));
        runUntilIdle(model);

        RecordingListener again = submit(model, new GenerationRequest(Prompt.ofTokens(SHARED_PREFIX), 1));
        long submittedAt = model.now();
        runUntilIdle(model);

        // The last token is always computed, so only the 19 blocks before the last one are hits.
        assertThat(again.firstTokenAt() - submittedAt).isEqualTo(OVERHEAD + 16 * PREFILL_PER_TOKEN);
        assertThat(model.snapshot().prefixCacheHitTokens()).isEqualTo(304);
    }

    @Test
    void aPromptSharingNoLeadingBlockHitsNothing() {
        submit(model, new GenerationRequest(withSuffix(SHARED_PREFIX, 1, 8), 1));
        runUntilIdle(model);
        int[] differentFirstToken = SHARED_PREFIX.clone();
        differentFirstToken[0] = -1;

        submit(model, new GenerationRequest(withSuffix(differentFirstToken, 1, 8), 1));
        runUntilIdle(model);

        assertThat(model.snapshot().prefixCacheHitTokens()).isZero();
    }

    @Test
    void theCacheEvictsATailBeforeTheLeadingBlocks() {
        ServerModel small = ServerModel.create(TestServers.small().toBuilder().prefixCacheTokens(64).build());
        int[] sixBlocks = IntStream.range(0, 96).toArray();
        submit(small, new GenerationRequest(Prompt.ofTokens(sixBlocks), 1));
        runUntilIdle(small);

        RecordingListener second = submit(small, new GenerationRequest(withSuffix(sixBlocks, 7, 8), 1));
        long submittedAt = small.now();
        runUntilIdle(small);

        // The cache holds 4 of the 6 blocks: the first four, so 64 tokens hit and 40 are computed.
        assertThat(small.snapshot().prefixCacheHitTokens()).isEqualTo(64);
        assertThat(second.firstTokenAt() - submittedAt).isEqualTo(OVERHEAD + 40 * PREFILL_PER_TOKEN);
    }

    @Test
    void aZeroBudgetDisablesPrefixCachingAndItsCounters() {
        ServerModel uncached = ServerModel.create(TestServers.small().toBuilder().prefixCacheTokens(0).build());
        submit(uncached, new GenerationRequest(withSuffix(SHARED_PREFIX, 1, 8), 1));
        submit(uncached, new GenerationRequest(withSuffix(SHARED_PREFIX, 2, 8), 1));

        runUntilIdle(uncached);

        assertThat(uncached.snapshot().prefixCacheQueriedTokens()).isZero();
        assertThat(uncached.snapshot().prefixCacheHitTokens()).isZero();
        assertThat(uncached.snapshot().promptTokens()).isEqualTo(656);
    }

    @Test
    void textPromptsWithAnEqualLongPrefixShareCachedBlocks() {
        String systemPrompt = "You are a helpful assistant. ".repeat(50).substring(0, 1280); // 320 tokens
        submit(model, new GenerationRequest(Prompt.ofText(systemPrompt + "What is a GPU?"), 1));
        runUntilIdle(model);

        submit(model, new GenerationRequest(Prompt.ofText(systemPrompt + "What is a KV cache?"), 1));
        runUntilIdle(model);

        assertThat(model.snapshot().prefixCacheHitTokens()).isEqualTo(320);
    }

    @Test
    void aRequestAdmittedWhileAnotherIsStillInPrefillFindsNothingCachedYet() {
        submit(model, new GenerationRequest(withSuffix(SHARED_PREFIX, 1, 8), 1));
        submit(model, new GenerationRequest(withSuffix(SHARED_PREFIX, 2, 8), 1));

        runUntilIdle(model);

        assertThat(model.snapshot().prefixCacheHitTokens()).isZero();
    }

    private static Prompt withSuffix(int[] prefix, int suffixToken, int suffixLength) {
        int[] tokens = IntStream.concat(IntStream.of(prefix), IntStream.generate(() -> suffixToken).limit(suffixLength))
                .toArray();
        return Prompt.ofTokens(tokens);
    }
}
