package dev.infergate.sim.engine;

/** The simulator's tokenizer rule: one token per started run of four characters. */
public final class PromptTokens {

    public static final int CHARS_PER_TOKEN = 4;

    private PromptTokens() {
    }

    public static int count(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
