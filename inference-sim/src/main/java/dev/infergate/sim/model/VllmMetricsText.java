package dev.infergate.sim.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * Renders a {@link Snapshot} as vLLM's {@code /metrics} page would show it: Prometheus text
 * exposition format 0.0.4, vLLM's metric names and help texts, one label {@code model_name}.
 *
 * <p>Rendered, in this order: the gauges {@code vllm:num_requests_running}, {@code
 * vllm:num_requests_waiting} and {@code vllm:kv_cache_usage_perc} (a fraction from 0 to 1, as
 * vLLM reports it despite the name); the counters {@code vllm:prefix_cache_queries_total},
 * {@code vllm:prefix_cache_hits_total} (both in tokens), {@code vllm:prompt_tokens_total},
 * {@code vllm:generation_tokens_total} and {@code vllm:request_success_total} (with {@code
 * finished_reason="length"}: a simulated request always stops at its {@code max_tokens}); and
 * the histogram {@code vllm:time_to_first_token_seconds} with vLLM's buckets, {@code _count} and
 * {@code _sum}. As Python's {@code prometheus_client} writes them, counters' {@code # HELP} and
 * {@code # TYPE} lines carry the {@code _total} name, samples are floats ({@code 3.0}), and
 * {@code le} follows the other labels. Numbers are plain decimals (no exponent); the histogram's
 * sum is exact.
 */
public final class VllmMetricsText {

    /** The {@code Content-Type} of the rendered text. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private VllmMetricsText() {}

    /** The metrics page of a server serving {@code modelName}, from {@code snapshot}. */
    public static String render(String modelName, Snapshot snapshot) {
        String labels = "model_name=\"" + escape(modelName) + '"';
        StringBuilder text = new StringBuilder(4096);
        sample(text, "vllm:num_requests_running", "gauge", "Number of requests in model execution batches.",
                labels, number(snapshot.running()));
        sample(text, "vllm:num_requests_waiting", "gauge", "Number of requests waiting to be processed.",
                labels, number(snapshot.waiting()));
        sample(text, "vllm:kv_cache_usage_perc", "gauge", "KV-cache usage. 1 means 100 percent usage.",
                labels, number(snapshot.kvCacheUsage()));
        sample(text, "vllm:prefix_cache_queries_total", "counter",
                "Prefix cache queries, in terms of number of queried tokens.",
                labels, number(snapshot.prefixCacheQueriedTokens()));
        sample(text, "vllm:prefix_cache_hits_total", "counter",
                "Prefix cache hits, in terms of number of cached tokens.",
                labels, number(snapshot.prefixCacheHitTokens()));
        sample(text, "vllm:prompt_tokens_total", "counter", "Number of prefill tokens processed.",
                labels, number(snapshot.promptTokens()));
        sample(text, "vllm:generation_tokens_total", "counter", "Number of generation tokens processed.",
                labels, number(snapshot.generationTokens()));
        sample(text, "vllm:request_success_total", "counter", "Count of successfully processed requests.",
                labels + ",finished_reason=\"length\"", number(snapshot.requestsFinished()));
        histogram(text, "vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.",
                labels, snapshot.timeToFirstToken());
        return text.toString();
    }

    private static void sample(StringBuilder text, String name, String type, String help, String labels, String value) {
        header(text, name, type, help);
        text.append(name).append('{').append(labels).append("} ").append(value).append('\n');
    }

    private static void histogram(StringBuilder text, String name, String help, String labels, LatencyHistogram histogram) {
        header(text, name, "histogram", help);
        List<Long> bounds = histogram.upperBoundsNanos();
        for (int i = 0; i < bounds.size(); i++) {
            bucket(text, name, labels, LatencyHistogram.seconds(bounds.get(i)), histogram.cumulativeCount(i));
        }
        bucket(text, name, labels, "+Inf", histogram.count());
        text.append(name).append("_count{").append(labels).append("} ").append(number(histogram.count())).append('\n');
        text.append(name).append("_sum{").append(labels).append("} ")
                .append(LatencyHistogram.seconds(histogram.sumNanos())).append('\n');
    }

    private static void bucket(StringBuilder text, String name, String labels, String le, long count) {
        text.append(name).append("_bucket{").append(labels).append(",le=\"").append(le).append("\"} ")
                .append(number(count)).append('\n');
    }

    private static void header(StringBuilder text, String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String number(long value) {
        return value + ".0";
    }

    /** The shortest decimal that reads back as {@code value}, without an exponent. */
    private static String number(double value) {
        return new BigDecimal(Double.toString(value)).toPlainString();
    }

    private static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
