package dev.infergate.bench.routing;

import java.util.SplittableRandom;

/**
 * What the clients ask for: prompt and output lengths from lognormal distributions and, optionally,
 * one of {@code prefixGroups} shared system prompts of {@code prefixTokens} tokens in front of every
 * prompt (an assistant product: many users, a few long system prompts). Request {@code i}'s lengths
 * and system-prompt group are a pure function of the seed and {@code i}, so every contender is sent
 * requests of exactly the same shape. Its text also depends on a {@code salt}: a run with a salt of
 * its own finds nothing of an earlier run's prompts in the servers' prefix caches, as if they had
 * been restarted, while runs with the same salt send byte-identical requests.
 *
 * @param prompt the length of the user's own text, in tokens
 * @param output the output length ({@code max_tokens})
 * @param prefixGroups the number of distinct system prompts, 0 for none
 * @param prefixTokens the length of each system prompt in tokens (0 when there are none)
 * @param seed the seed of every draw
 */
public record Workload(LognormalLength prompt, LognormalLength output, int prefixGroups, int prefixTokens, long seed) {

    /** The simulator cuts texts into tokens of four characters. */
    public static final int CHARS_PER_TOKEN = 4;

    private static final long USER_TEXT = 0x5DEECE66DL;
    private static final long SYSTEM_TEXT = 0xB5297A4DL;

    public Workload {
        if (prefixGroups < 0 || prefixTokens < 0 || (prefixGroups == 0) != (prefixTokens == 0)) {
            throw new IllegalArgumentException("prefixGroups, prefixTokens: " + prefixGroups + ", " + prefixTokens
                    + " (expected: both 0, or both > 0)");
        }
    }

    /** No shared prefixes. */
    public static Workload independent(LognormalLength prompt, LognormalLength output, long seed) {
        return new Workload(prompt, output, 0, 0, seed);
    }

    public ChatPrompt request(long index, long salt) {
        SplittableRandom shape = new SplittableRandom(mix(seed, index));
        int group = prefixGroups > 0 ? shape.nextInt(prefixGroups) : -1;
        int promptTokens = prompt.sample(shape);
        int maxTokens = output.sample(shape);
        String system = group < 0 ? "" : systemPrompt(group, salt);
        String user = text(new SplittableRandom(mix(mix(seed, salt) ^ USER_TEXT, index)), promptTokens * CHARS_PER_TOKEN);
        return new ChatPrompt(system, user, maxTokens);
    }

    /** The system prompt of a group: the same text for every request of the group, unrelated to the others'. */
    public String systemPrompt(int group, long salt) {
        return text(new SplittableRandom(mix(mix(seed, salt) ^ SYSTEM_TEXT, group)), prefixTokens * CHARS_PER_TOKEN);
    }

    public String describe() {
        String lengths = "prompt " + prompt + " tokens, output " + output + " tokens";
        return prefixGroups == 0 ? lengths + ", no shared prefixes"
                : prefixGroups + " system prompts of " + prefixTokens + " tokens (one drawn per request) in front of a user "
                        + lengths;
    }

    private static String text(SplittableRandom random, int chars) {
        char[] text = new char[chars];
        for (int i = 0; i < chars; i++) {
            int letter = random.nextInt(27);
            text[i] = letter == 26 ? ' ' : (char) ('a' + letter);
        }
        return new String(text);
    }

    /** A 64-bit mix (Stafford's variant 13) so that neighbouring indices give unrelated streams. */
    static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
