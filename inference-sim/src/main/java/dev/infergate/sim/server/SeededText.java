package dev.infergate.sim.server;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Everything random in a response derives from the server's seed and the request bytes, so the
 * same request to a server with the same seed gives a byte-identical response.
 */
final class SeededText {

    private static final String[] WORDS = {
        "the", "model", "token", "stream", "gateway", "batch", "cache", "prefix", "latency", "queue",
        "server", "route", "weight", "canary", "policy", "budget", "signal", "score", "pool", "request",
        "answer", "quickly", "slowly", "always", "never", "because", "while", "after", "before", "under",
        "over", "into", "a", "an", "of", "to", "and", "or", "is", "was", "will", "can", "data", "fleet",
        "shard", "replica", "decode", "prefill", "kernel", "tensor", "vector", "matrix", "graph", "node",
        "edge", "packet", "frame", "chunk", "event", "window", "bucket", "limit", "retry", "hedge",
    };

    private static final long CREATED_EPOCH = 1_767_225_600L; // 2026-01-01T00:00:00Z

    private final long requestHash;
    private final long seed;

    SeededText(long seed, byte[] requestBytes) {
        this.seed = seed;
        this.requestHash = fnv1a(requestBytes);
    }

    String id(String prefix) {
        return prefix + Long.toHexString(mix(seed ^ requestHash)) + Long.toHexString(mix(requestHash + 1));
    }

    long created() {
        return CREATED_EPOCH + Math.floorMod(mix(seed), 86_400L);
    }

    /** The text of each output token; the first has no leading space. */
    String[] tokens(int count) {
        SplittableRandom random = new SplittableRandom(seed * 31 + requestHash);
        String[] tokens = new String[count];
        for (int i = 0; i < count; i++) {
            String word = WORDS[random.nextInt(WORDS.length)];
            tokens[i] = i == 0 ? word : " " + word;
        }
        return tokens;
    }

    private static long fnv1a(byte[] bytes) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
