package dev.infergate.sim.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A prompt as the model sees it: a sequence of token ids.
 *
 * <p>Text is turned into tokens without a vocabulary, by a rule that keeps what matters to a
 * simulator, namely lengths and shared prefixes: the text is cut into chunks of four characters
 * (Unicode code points; the last chunk may be shorter), so it has {@code ceil(characters / 4)}
 * tokens, and token {@code i} is the 32-bit FNV-1a hash of the UTF-8 bytes of chunk {@code i}.
 * Two texts that share their first {@code 4k} characters share their first {@code k} tokens, and
 * therefore their prefix-cache blocks.
 */
public final class Prompt {

    private static final int CHARACTERS_PER_TOKEN = 4;
    private static final int FNV32_OFFSET = 0x811c9dc5;
    private static final int FNV32_PRIME = 0x01000193;

    private final int[] tokens;

    private Prompt(int[] tokens) {
        this.tokens = tokens;
    }

    /** A prompt of the given token ids. */
    public static Prompt ofTokens(int... tokens) {
        return new Prompt(tokens.clone());
    }

    /** A prompt of the given token ids. */
    public static Prompt ofTokens(List<Integer> tokens) {
        return new Prompt(tokens.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The tokens of {@code text} by the four-characters-per-token rule of this class. */
    public static Prompt ofText(String text) {
        int[] codePoints = text.codePoints().toArray();
        int[] tokens = new int[(codePoints.length + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN];
        for (int i = 0; i < tokens.length; i++) {
            int from = i * CHARACTERS_PER_TOKEN;
            int to = Math.min(from + CHARACTERS_PER_TOKEN, codePoints.length);
            byte[] chunk = new String(codePoints, from, to - from).getBytes(StandardCharsets.UTF_8);
            int hash = FNV32_OFFSET;
            for (byte b : chunk) {
                hash = (hash ^ (b & 0xff)) * FNV32_PRIME;
            }
            tokens[i] = hash;
        }
        return new Prompt(tokens);
    }

    /** The number of tokens. */
    public int length() {
        return tokens.length;
    }

    /** Token {@code index}, counted from 0. */
    public int tokenAt(int index) {
        return tokens[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Prompt prompt && Arrays.equals(tokens, prompt.tokens);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tokens);
    }

    @Override
    public String toString() {
        return "Prompt[" + tokens.length + " tokens]";
    }
}
