package dev.infergate.routing.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TokenEstimatorTest {

    private final TokenEstimator estimator = new TokenEstimator(16);

    @ParameterizedTest(name = "{0} → {1} + {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello world!\"}],\"max_tokens\":10} | 3 | 10",
        "{\"messages\":[{\"content\":\"abcde\"},{\"content\":\"fgh\"}]}                                   | 2 | 16",
        "{\"messages\":[{\"content\":[{\"type\":\"text\",\"text\":\"abcdefgh\"}]}],\"max_completion_tokens\":4,\"max_tokens\":9} | 2 | 4",
        "{\"prompt\":\"日本語のテキスト\",\"max_tokens\":1}                                                | 2 | 1",
        "{\"prompt\":[\"abcd\",\"efgh\"],\"stream\":true,\"stream_options\":{\"include_usage\":true}}     | 2 | 16",
        "not json at all                                                                              | 4 | 16",
    })
    void promptTokensAreCodePointsOverFourRoundedUpPlusTheCompletionAllowance(String body, long prompt, long completion) {
        TokenEstimate estimate = estimator.estimate(body.strip().getBytes(StandardCharsets.UTF_8));
        assertThat(estimate).isEqualTo(new TokenEstimate(prompt, completion));
    }
}
