package dev.infergate.sim.model;

import static dev.infergate.sim.model.TestServers.millis;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class VllmMetricsTextTest {

    @Test
    void aSnapshotRendersAsVllmsMetricsPage() {
        Snapshot snapshot = new Snapshot(millis(12), 1, 2, 4, 110, 4096, 656, 320, 100, 1, 0, 0,
                LatencyHistogram.vllmTimeToFirstToken().withObservation(millis(10)));

        assertThat(VllmMetricsText.render("m", snapshot)).isEqualTo("""
                # HELP vllm:num_requests_running Number of requests in model execution batches.
                # TYPE vllm:num_requests_running gauge
                vllm:num_requests_running{model_name="m"} 1.0
                # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
                # TYPE vllm:num_requests_waiting gauge
                vllm:num_requests_waiting{model_name="m"} 2.0
                # HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.
                # TYPE vllm:kv_cache_usage_perc gauge
                vllm:kv_cache_usage_perc{model_name="m"} 0.02685546875
                # HELP vllm:prefix_cache_queries_total Prefix cache queries, in terms of number of queried tokens.
                # TYPE vllm:prefix_cache_queries_total counter
                vllm:prefix_cache_queries_total{model_name="m"} 656.0
                # HELP vllm:prefix_cache_hits_total Prefix cache hits, in terms of number of cached tokens.
                # TYPE vllm:prefix_cache_hits_total counter
                vllm:prefix_cache_hits_total{model_name="m"} 320.0
                # HELP vllm:prompt_tokens_total Number of prefill tokens processed.
                # TYPE vllm:prompt_tokens_total counter
                vllm:prompt_tokens_total{model_name="m"} 100.0
                # HELP vllm:generation_tokens_total Number of generation tokens processed.
                # TYPE vllm:generation_tokens_total counter
                vllm:generation_tokens_total{model_name="m"} 1.0
                # HELP vllm:request_success_total Count of successfully processed requests.
                # TYPE vllm:request_success_total counter
                vllm:request_success_total{model_name="m",finished_reason="length"} 0.0
                # HELP vllm:time_to_first_token_seconds Histogram of time to first token in seconds.
                # TYPE vllm:time_to_first_token_seconds histogram
                vllm:time_to_first_token_seconds_bucket{model_name="m",le="0.001"} 0.0
                vllm:time_to_first_token_seconds_bucket{model_name="m",le="0.005"} 0.0
                vllm:time_to_first_token_seconds_bucket{model_name="m",le="0.01"} 1.0
                vllm:time_to_first_token_seconds_bucket{model_name="m",le="0.02"} 1.0
                vllm:time_to_first_token_seconds_bucket{model_name="m",le="0.04"} 1.0
                vllm:time_to_first_token_seconds_bucket{model_name="m",le="0.06"} 1.0
                vllm:time_to_first_token_seconds_bucket{model_name="m",le="0.08"} 1.0
                vllm:time_to_first_token_seconds_bucket{model_name="m",le="0.1"} 1.0
                vllm:time_to_first_token_seconds_bucket{model_name="m",le="0.25"} 1.0
                vllm:time_to_first_token_seconds_bucket{model_name="m",le="0.5"} 1.0
                vllm:time_to_first_token_seconds_bucket{model_name="m",le="0.75"} 1.0
                vllm:time_to_first_token_seconds_bucket{model_name="m",le="1.0"} 1.0
                vllm:time_to_first_token_seconds_bucket{model_name="m",le="2.5"} 1.0
                vllm:time_to_first_token_seconds_bucket{model_name="m",le="5.0"} 1.0
                vllm:time_to_first_token_seconds_bucket{model_name="m",le="7.5"} 1.0
                vllm:time_to_first_token_seconds_bucket{model_name="m",le="10.0"} 1.0
                vllm:time_to_first_token_seconds_bucket{model_name="m",le="+Inf"} 1.0
                vllm:time_to_first_token_seconds_count{model_name="m"} 1.0
                vllm:time_to_first_token_seconds_sum{model_name="m"} 0.01
                """);
    }

    @Test
    void theModelsSnapshotAfterOneRequestRendersItsCounters() {
        ServerModel model = ServerModel.create(TestServers.small());
        TestServers.submit(model, TestServers.request(100, 2));
        TestServers.runUntilIdle(model);

        String text = VllmMetricsText.render("m", model.snapshot());

        assertThat(text)
                .contains("vllm:num_requests_running{model_name=\"m\"} 0.0\n")
                .contains("vllm:kv_cache_usage_perc{model_name=\"m\"} 0.0\n")
                .contains("vllm:prompt_tokens_total{model_name=\"m\"} 100.0\n")
                .contains("vllm:generation_tokens_total{model_name=\"m\"} 2.0\n")
                .contains("vllm:request_success_total{model_name=\"m\",finished_reason=\"length\"} 1.0\n")
                .contains("vllm:time_to_first_token_seconds_sum{model_name=\"m\"} 0.01\n");
    }

    @Test
    void smallFractionsAndLabelValuesAreWrittenSafely() {
        Snapshot snapshot = new Snapshot(0, 0, 0, 4, 1, 1024 * 1024, 0, 0, 0, 0, 0, 0,
                LatencyHistogram.vllmTimeToFirstToken().withObservation(20_000_000_001L));

        String text = VllmMetricsText.render("a\"b\\c", snapshot);

        assertThat(text)
                .contains("vllm:kv_cache_usage_perc{model_name=\"a\\\"b\\\\c\"} 0.00000095367431640625\n")
                .contains("_bucket{model_name=\"a\\\"b\\\\c\",le=\"10.0\"} 0.0\n")
                .contains("_bucket{model_name=\"a\\\"b\\\\c\",le=\"+Inf\"} 1.0\n")
                .contains("_sum{model_name=\"a\\\"b\\\\c\"} 20.000000001\n");
    }
}
