package dev.infergate.sim.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prefix cache: block keys ({@link BlockHashes}) in an LRU holding at most
 * {@code floor(budgetTokens / blockTokens)} blocks.
 *
 * <p>A lookup finds the longest leading run of cached blocks; it does not reorder the LRU, so a
 * scheduler may look ahead without side effects. {@link #touch} inserts blocks, or refreshes them,
 * from the last to the first, so a prompt's leading blocks end up most recent and its tail is
 * evicted first, as vLLM frees a finished request's blocks in reverse order.
 */
final class PrefixCache {

    private final int capacityBlocks;
    private final LinkedHashMap<Long, Boolean> blocks = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > capacityBlocks;
        }
    };

    PrefixCache(int budgetTokens, int blockTokens) {
        this.capacityBlocks = budgetTokens / blockTokens;
    }

    /** Whether the budget holds at least one block; if not, there is no prefix caching at all. */
    boolean enabled() {
        return capacityBlocks > 0;
    }

    /** The number of leading keys, at most {@code maxBlocks}, that are cached. */
    int cachedLeadingBlocks(long[] keys, int maxBlocks) {
        int limit = Math.min(maxBlocks, keys.length);
        int hits = 0;
        while (hits < limit && blocks.containsKey(keys[hits])) {
            hits++;
        }
        return hits;
    }

    /** Inserts or refreshes the first {@code count} keys, most recent first. */
    void touch(long[] keys, int count) {
        if (!enabled()) {
            return;
        }
        for (int i = count - 1; i >= 0; i--) {
            blocks.put(keys[i], Boolean.TRUE);
        }
    }

    int size() {
        return blocks.size();
    }
}
