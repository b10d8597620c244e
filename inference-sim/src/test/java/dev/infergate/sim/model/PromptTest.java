package dev.infergate.sim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class PromptTest {

    @ParameterizedTest(name = "{0} characters make {1} tokens")
    @CsvSource({"0, 0", "1, 1", "4, 1", "5, 2", "8, 2", "4001, 1001"})
    void textHasOneTokenPerFourCharactersRoundedUp(int characters, int tokens) {
        assertThat(Prompt.ofText("x".repeat(characters)).length()).isEqualTo(tokens);
    }

    @Test
    void charactersAreCodePoints() {
        assertThat(Prompt.ofText("\uD83D\uDE00".repeat(5)).length()).isEqualTo(2);
    }

    @Test
    void aTokenIsTheFnv1aHashOfItsChunk() {
        // The FNV-1a 32-bit test vectors of "a" and "foob".
        assertThat(Prompt.ofText("a").tokenAt(0)).isEqualTo(0xe40c292c);
        assertThat(Prompt.ofText("foobar").tokenAt(0)).isEqualTo(0x3f5076ef);
    }

    @Test
    void textsWithAnEqualPrefixHaveAnEqualTokenPrefix() {
        Prompt first = Prompt.ofText("The same opening. Then one ending");
        Prompt second = Prompt.ofText("The same opening. Then another");

        for (int i = 0; i < 5; i++) {
            assertThat(first.tokenAt(i)).isEqualTo(second.tokenAt(i));
        }
        assertThat(first.tokenAt(6)).isNotEqualTo(second.tokenAt(6));
    }

    @Test
    void promptsAreEqualByTokens() {
        assertThat(Prompt.ofTokens(1, 2, 3)).isEqualTo(Prompt.ofTokens(List.of(1, 2, 3)))
                .hasSameHashCodeAs(Prompt.ofTokens(1, 2, 3))
                .hasToString("Prompt[3 tokens]");
    }
}
