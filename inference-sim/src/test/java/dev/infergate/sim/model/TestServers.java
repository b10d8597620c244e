package dev.infergate.sim.model;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A small server whose numbers make hand computation easy, and helpers to drive a model.
 *
 * <p>Step cost: 5 ms + 50 µs per prefill token + 250 µs per decoding sequence; at most 4
 * sequences, 4096 KV tokens, 512 prefill tokens per step, 16-token blocks, 1024 cached tokens.
 */
final class TestServers {

    static final long OVERHEAD = 5_000_000L;
    static final long PREFILL_PER_TOKEN = 50_000L;
    static final long DECODE_PER_SEQ = 250_000L;

    private static final AtomicInteger NEXT_PROMPT = new AtomicInteger();

    private TestServers() {}

    static ServerSpec small() {
        return ServerSpec.builder()
                .name("t")
                .models("m")
                .speed(1.0)
                .maxBatch(4)
                .kvCacheTokens(4096)
                .prefixCacheTokens(1024)
                .prefixBlockTokens(16)
                .stepOverhead(Duration.ofNanos(OVERHEAD))
                .prefillCostPerToken(Duration.ofNanos(PREFILL_PER_TOKEN))
                .prefillBudgetPerStep(512)
                .decodeCostPerSeq(Duration.ofNanos(DECODE_PER_SEQ))
                .defaultMaxTokens(16)
                .seed(0)
                .zone("local")
                .build();
    }

    static long millis(double millis) {
        return Math.round(millis * 1_000_000);
    }

    /** A prompt of {@code length} tokens {@code first, first + 1, ...}: distinct firsts share no prefix block. */
    static Prompt tokens(int first, int length) {
        return Prompt.ofTokens(IntStream.range(first, first + length).toArray());
    }

    /** A request whose prompt shares no prefix block with any other request's. */
    static GenerationRequest request(int promptTokens, int maxTokens) {
        return new GenerationRequest(tokens(NEXT_PROMPT.getAndAdd(1_000_000), promptTokens), maxTokens);
    }

    static RecordingListener submit(ServerModel model, GenerationRequest request) {
        RecordingListener listener = new RecordingListener();
        model.submit(request, listener).orElseThrow();
        return listener;
    }

    /** Advances the model through every step until it is idle; returns the time it became idle. */
    static long runUntilIdle(ServerModel model) {
        while (model.nextEventNanos().isPresent()) {
            model.advanceTo(model.nextEventNanos().getAsLong());
        }
        return model.now();
    }
}
