package dev.infergate.routing.core.split;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The stable 64-bit hash of a (key, destination name) pair that rendezvous hashing ranks by.
 *
 * <p>The hash is the first 64 bits of MurmurHash3 x64-128 (seed 0) over the bytes
 * {@code len(key) as 4 bytes big-endian || UTF-8(key) || UTF-8(name)}. The length prefix keeps
 * ("ab", "c") and ("a", "bc") apart. MurmurHash3 is used, and taken from Commons Codec rather than
 * written here, because assignments must survive restarts, replicas and upgrades: the algorithm is
 * published with fixed test vectors, so its values never change, and its 64-bit finalizer
 * (fmix64) mixes every input bit into every output bit, which the uniform scores below need.
 * {@code String.hashCode()} is stable too, but has only 32 bits and weak mixing.
 */
public final class StableHash {

    private static final int SEED = 0;
    private static final double TWO_TO_MINUS_52 = 0x1.0p-52;

    private StableHash() {
    }

    public static long of(String key, String name) {
        return of(key.getBytes(StandardCharsets.UTF_8), name.getBytes(StandardCharsets.UTF_8));
    }

    static long of(byte[] key, byte[] name) {
        byte[] input = new byte[4 + key.length + name.length];
        input[0] = (byte) (key.length >>> 24);
        input[1] = (byte) (key.length >>> 16);
        input[2] = (byte) (key.length >>> 8);
        input[3] = (byte) key.length;
        System.arraycopy(key, 0, input, 4, key.length);
        System.arraycopy(name, 0, input, 4 + key.length, name.length);
        return MurmurHash3.hash128x64(input, 0, input.length, SEED)[0];
    }

    /**
     * Maps a hash to a uniform number strictly inside (0, 1): the top 52 bits, centred in their
     * cell, {@code ((h >>> 12) + 0.5) * 2^-52}. 52 rather than 53 bits because the largest centred
     * value, {@code 1 - 2^-53}, must still be a double below 1. Never 0 or 1, so {@code ln(u)} is
     * finite and negative.
     */
    public static double unitInterval(long hash) {
        return ((hash >>> 12) + 0.5) * TWO_TO_MINUS_52;
    }
}
