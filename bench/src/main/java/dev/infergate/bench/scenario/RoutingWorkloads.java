package dev.infergate.bench.scenario;

import dev.infergate.bench.routing.LognormalLength;
import dev.infergate.bench.routing.Workload;

/**
 * The workloads of the routing-quality sets.
 *
 * <p>Without shared prefixes: user prompts with a median of 512 tokens and outputs with a median of
 * 96 (σ 0.6 each, so the p99 is four times the median), about what a chat assistant sees; the
 * prompts are long enough that prefill (60 µs per token at speed 1) makes up a good part of the
 * time to first token, so a slow server shows in it.
 *
 * <p>With shared prefixes: 16 system prompts of 2 048 tokens in front of short user prompts (median
 * 128). Their 32k tokens fit into the fleet's prefix caches together (16k + 16k + 10k + 6k) when
 * each system prompt stays on one server (about 8k tokens per server), but not into any one
 * server's, so a server that sees every system prompt recomputes most of them: 2 048 tokens of
 * prefill are 123 ms at speed 1 and 307 ms at speed 0.4, against 8 ms for a 128-token remainder.
 */
final class RoutingWorkloads {

    private RoutingWorkloads() {
    }

    static Workload independent(long seed) {
        return Workload.independent(new LognormalLength(512, 0.6, 16, 4096), new LognormalLength(96, 0.6, 8, 1024), seed);
    }

    static Workload sharedPrefixes(long seed) {
        return new Workload(new LognormalLength(128, 0.6, 8, 1024), new LognormalLength(96, 0.6, 8, 1024), 16, 2048, seed);
    }
}
