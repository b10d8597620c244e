package dev.infergate.bench.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class WorkloadTest {

    private static final Workload SHARED = new Workload(new LognormalLength(32, 0.5, 4, 256),
            new LognormalLength(16, 0.5, 2, 64), 4, 100, 9);

    @Test
    void aRequestIsAFunctionOfSeedIndexAndSalt() {
        assertThat(SHARED.request(17, 3)).isEqualTo(SHARED.request(17, 3));
        assertThat(SHARED.request(17, 3)).isNotEqualTo(SHARED.request(18, 3));
    }

    @Test
    void anotherSaltKeepsLengthsAndGroupsButChangesEveryText() {
        for (int index = 0; index < 50; index++) {
            ChatPrompt first = SHARED.request(index, 1);
            ChatPrompt second = SHARED.request(index, 2);

            assertThat(second.maxTokens()).isEqualTo(first.maxTokens());
            assertThat(second.user()).hasSameSizeAs(first.user()).isNotEqualTo(first.user());
            assertThat(second.system()).hasSameSizeAs(first.system()).isNotEqualTo(first.system());
            assertThat(groupOf(second, 2)).isEqualTo(groupOf(first, 1));
        }
    }

    @Test
    void everySystemPromptIsOneOfTheGroupsOwnAndAllGroupsAppear() {
        Set<Integer> groups = new HashSet<>();
        IntStream.range(0, 200).forEach(index -> groups.add(groupOf(SHARED.request(index, 5), 5)));

        assertThat(groups).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(SHARED.systemPrompt(0, 5)).hasSize(100 * Workload.CHARS_PER_TOKEN);
    }

    @Test
    void textsAreFourCharactersPerTokenOfLettersAndSpaces() {
        Workload independent = Workload.independent(new LognormalLength(40, 0.5, 4, 400), new LognormalLength(8, 0, 8, 8), 1);
        ChatPrompt prompt = independent.request(0, 0);

        assertThat(prompt.system()).isEmpty();
        assertThat(prompt.user().length() % Workload.CHARS_PER_TOKEN).isZero();
        assertThat(prompt.user()).matches("[a-z ]+");
        assertThat(prompt.maxTokens()).isEqualTo(8);
    }

    @Test
    void theBodyIsAStreamingChatCompletionWithTheSystemPromptFirst() {
        ChatPrompt prompt = new ChatPrompt("abcd", "efgh", 12);

        assertThat(new String(prompt.body("m"), StandardCharsets.US_ASCII)).isEqualTo(
                "{\"model\":\"m\",\"stream\":true,\"max_tokens\":12,\"messages\":[{\"role\":\"system\",\"content\":\"abcd\"},"
                        + "{\"role\":\"user\",\"content\":\"efgh\"}]}");
        assertThat(new String(new ChatPrompt("", "efgh", 1).body("m"), StandardCharsets.US_ASCII))
                .endsWith("\"messages\":[{\"role\":\"user\",\"content\":\"efgh\"}]}");
        assertThat(prompt.promptText()).isEqualTo("abcdefgh");
    }

    @Test
    void prefixGroupsAndTheirLengthComeTogether() {
        LognormalLength any = new LognormalLength(8, 0, 8, 8);
        assertThatThrownBy(() -> new Workload(any, any, 4, 0, 1))
                .hasMessage("prefixGroups, prefixTokens: 4, 0 (expected: both 0, or both > 0)");
    }

    private static int groupOf(ChatPrompt prompt, long salt) {
        for (int group = 0; group < SHARED.prefixGroups(); group++) {
            if (SHARED.systemPrompt(group, salt).equals(prompt.system())) {
                return group;
            }
        }
        throw new AssertionError("no group has the system prompt " + prompt.system());
    }
}
