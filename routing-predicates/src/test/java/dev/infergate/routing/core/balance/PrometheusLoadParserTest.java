package dev.infergate.routing.core.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

final class PrometheusLoadParserTest {

    private final PrometheusLoadParser parser = new PrometheusLoadParser(PrometheusLoadNames.vllm());

    @Test
    void theSimulatorsMetricsPageGivesWaitingRunningAndKvCacheUsage() throws IOException {
        assertThat(parser.parse(resource("vllm-metrics.txt")))
                .isEqualTo(new LoadParseResult.Parsed(BackendLoad.of(3, 12, 0.3125), List.of()));
    }

    @Test
    void theDeprecatedKvCacheNameIsReadWhenTheCurrentOneIsAbsent() {
        String olderVllm = """
                # HELP vllm:gpu_cache_usage_perc GPU KV-cache usage. 1 means 100 percent usage.
                # TYPE vllm:gpu_cache_usage_perc gauge
                vllm:gpu_cache_usage_perc{model_name="m"} 0.75
                vllm:num_requests_waiting{model_name="m"} 0.0
                vllm:num_requests_running{model_name="m"} 4.0
                """;

        assertThat(parser.parse(olderVllm)).isEqualTo(new LoadParseResult.Parsed(BackendLoad.of(0, 4, 0.75), List.of()));
    }

    @Test
    void theCurrentKvCacheNameWinsOverTheDeprecatedOne() {
        String both = """
                vllm:gpu_cache_usage_perc{model_name="m"} 0.9
                vllm:kv_cache_usage_perc{model_name="m"} 0.25
                vllm:num_requests_waiting{model_name="m"} 1
                vllm:num_requests_running{model_name="m"} 2
                """;

        assertThat(parser.parse(both)).isEqualTo(new LoadParseResult.Parsed(BackendLoad.of(1, 2, 0.25), List.of()));
    }

    @Test
    void countsAreSummedOverLabelSetsAndKvCacheUsageTakesTheFullest() {
        String twoEngines = """
                vllm:num_requests_waiting{engine="0",model_name="m"} 2.0
                vllm:num_requests_waiting{engine="1",model_name="m"} 5.0
                vllm:num_requests_running{engine="0",model_name="m"} 8.0
                vllm:num_requests_running{engine="1",model_name="m"} 8.0 1718000000000
                vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.5
                vllm:kv_cache_usage_perc{engine="1",model_name="m"} 0.8125
                """;

        assertThat(parser.parse(twoEngines)).isEqualTo(new LoadParseResult.Parsed(BackendLoad.of(7, 16, 0.8125), List.of()));
    }

    @Test
    void labelValuesMayHoldBracesCommasAndEscapedQuotes() {
        String tricky = "vllm:num_requests_waiting{model_name=\"a}, \\\"b\\\"\" , other=\"x\",} 6\n"
                + "vllm:num_requests_running 3\n";

        assertThat(parser.parse(tricky)).isEqualTo(new LoadParseResult.Parsed(
                new BackendLoad(OptionalDouble.of(6), OptionalDouble.of(3), OptionalDouble.empty()), List.of("kv-cache-usage")));
    }

    @Test
    void missingValuesAreListedAndTheOthersKept() {
        assertThat(parser.parse("vllm:num_requests_waiting{model_name=\"m\"} 4\r\nother_metric 1\r\n"))
                .isEqualTo(new LoadParseResult.Parsed(
                        new BackendLoad(OptionalDouble.of(4), OptionalDouble.empty(), OptionalDouble.empty()),
                        List.of("running", "kv-cache-usage")));
    }

    @Test
    void aPageWithoutAnyLoadMetricIsUnusable() {
        assertThat(parser.parse("<html><body>502 Bad Gateway</body></html>")).isEqualTo(new LoadParseResult.Unusable(
                "no load metric found (expected one of: vllm:num_requests_waiting, vllm:num_requests_running, "
                        + "vllm:kv_cache_usage_perc, vllm:gpu_cache_usage_perc)"));
        assertThat(parser.parse("")).isInstanceOf(LoadParseResult.Unusable.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            vllm:num_requests_waiting{model_name="m"} abc     | line 2: vllm:num_requests_waiting: abc (expected: a finite number >= 0)
            vllm:num_requests_waiting{model_name="m"} -1      | line 2: vllm:num_requests_waiting: -1 (expected: a finite number >= 0)
            vllm:num_requests_waiting{model_name="m"} NaN     | line 2: vllm:num_requests_waiting: NaN (expected: a finite number >= 0)
            vllm:num_requests_waiting{model_name="m"} +Inf    | line 2: vllm:num_requests_waiting: +Inf (expected: a finite number >= 0)
            vllm:num_requests_waiting{model_name="m"} 1.0d    | line 2: vllm:num_requests_waiting: 1.0d (expected: a finite number >= 0)
            vllm:kv_cache_usage_perc{model_name="m"} 31.2     | line 2: vllm:kv_cache_usage_perc: 31.2 (expected: a number within 0..1)
            vllm:num_requests_waiting{model_name="m" 3        | line 2: vllm:num_requests_waiting: malformed labels
            vllm:num_requests_waiting{model_name=m} 3         | line 2: vllm:num_requests_waiting: malformed labels
            vllm:num_requests_waiting{model_name="m"}         | line 2: vllm:num_requests_waiting: expected a value and an optional timestamp
            vllm:num_requests_waiting{model_name="m"} 1 2 3   | line 2: vllm:num_requests_waiting: expected a value and an optional timestamp
            """)
    void aMalformedSampleOfALoadMetricMakesThePageUnusable(String line, String reason) {
        String page = "vllm:num_requests_running 1\n" + line + "\n";

        assertThat(parser.parse(page)).isEqualTo(new LoadParseResult.Unusable(reason));
    }

    @Test
    void malformedLinesOfOtherMetricsAreNotRead() {
        assertThat(parser.parse("garbage{{{ here\nvllm:num_requests_running 2\n"))
                .isInstanceOf(LoadParseResult.Parsed.class);
    }

    @Test
    void metricNamesAreConfigurable() {
        PrometheusLoadParser sglang = new PrometheusLoadParser(new PrometheusLoadNames(
                List.of("sglang:num_queue_reqs"), List.of("sglang:num_running_reqs"), List.of("sglang:token_usage")));

        assertThat(sglang.parse("sglang:num_queue_reqs 2\nsglang:num_running_reqs 9\nsglang:token_usage 0.5\n"))
                .isEqualTo(new LoadParseResult.Parsed(BackendLoad.of(2, 9, 0.5), List.of()));
    }

    @Test
    void invalidMetricNamesAreRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PrometheusLoadNames(List.of("num waiting"), List.of("r"), List.of("k")))
                .hasMessage("waiting: \"num waiting\" (expected: a Prometheus metric name)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PrometheusLoadNames(List.of(), List.of("r"), List.of("k")))
                .hasMessage("waiting: [] (expected: at least one metric name)");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PrometheusLoadParserTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
