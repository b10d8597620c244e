package dev.infergate.sim.model;

/**
 * The prefix-cache keys of a prompt's full blocks, chained as vLLM chains them: the key of block
 * {@code i} depends on every token of blocks {@code 0..i}, so equal keys mean equal prefixes.
 *
 * <p>Key {@code i} is the 64-bit FNV-1a hash, over the prompt's first {@code (i + 1) × blockTokens}
 * token ids (each id as four little-endian bytes), passed through a final avalanche mix. A trailing
 * partial block has no key: vLLM caches only full blocks.
 */
final class BlockHashes {

    private static final long FNV64_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV64_PRIME = 0x100000001b3L;

    private BlockHashes() {}

    static long[] of(Prompt prompt, int blockTokens) {
        long[] keys = new long[prompt.length() / blockTokens];
        long hash = FNV64_OFFSET;
        for (int block = 0; block < keys.length; block++) {
            for (int i = block * blockTokens; i < (block + 1) * blockTokens; i++) {
                int token = prompt.tokenAt(i);
                for (int shift = 0; shift < 32; shift += 8) {
                    hash = (hash ^ ((token >>> shift) & 0xff)) * FNV64_PRIME;
                }
            }
            keys[block] = mix(hash);
        }
        return keys;
    }

    /** The finalizer of MurmurHash3's 64-bit variant: spreads FNV's weak low bits. */
    private static long mix(long hash) {
        long h = hash;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
