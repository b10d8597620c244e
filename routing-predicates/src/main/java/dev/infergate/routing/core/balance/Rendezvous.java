package dev.infergate.routing.core.balance;

import java.util.List;

/**
 * Rendezvous (highest random weight) hashing: a key goes to the candidate with the highest
 * {@code weight(key, endpoint)}. Removing a candidate moves only the keys it had, to their second
 * highest, which is why ejected or already-tried endpoints can simply be left out.
 *
 * <pre>
 * h(s)               = fmix64(FNV-1a 64 over the UTF-16 code units of s)
 * weight(key, e)     = fmix64(h(key) XOR h(e)), compared unsigned; ties go to the smaller address
 * </pre>
 *
 * {@code fmix64} is MurmurHash3's finalizer. Hand-written: the libraries at hand offer jump
 * consistent hashing (Guava), which maps to bucket numbers and cannot leave out arbitrary endpoints.
 */
final class Rendezvous {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Rendezvous() {
    }

    static long hash(String text) {
        long hash = FNV_OFFSET;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            hash = (hash ^ (c & 0xff)) * FNV_PRIME;
            hash = (hash ^ (c >>> 8)) * FNV_PRIME;
        }
        return fmix64(hash);
    }

    static long weight(long keyHash, String endpoint) {
        return fmix64(keyHash ^ hash(endpoint));
    }

    /** The index of the candidate the key goes to; {@code candidates} is not empty. */
    static int winner(long keyHash, List<Candidate> candidates) {
        int best = 0;
        long bestWeight = weight(keyHash, candidates.get(0).endpoint());
        for (int i = 1; i < candidates.size(); i++) {
            long weight = weight(keyHash, candidates.get(i).endpoint());
            int order = Long.compareUnsigned(weight, bestWeight);
            if (order > 0 || order == 0 && candidates.get(i).endpoint().compareTo(candidates.get(best).endpoint()) < 0) {
                best = i;
                bestWeight = weight;
            }
        }
        return best;
    }

    private static long fmix64(long value) {
        long k = value;
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
