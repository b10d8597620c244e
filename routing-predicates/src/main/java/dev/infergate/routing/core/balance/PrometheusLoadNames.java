package dev.infergate.routing.core.balance;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Prometheus metric names that carry an endpoint's load. Each value has a list of names in
 * order of preference: the first name that has samples is used, the others are ignored.
 *
 * @param waiting queued requests; default {@code vllm:num_requests_waiting}
 * @param running running requests; default {@code vllm:num_requests_running}
 * @param kvCacheUsage KV-cache usage from 0 to 1; default {@code vllm:kv_cache_usage_perc}, then the
 *                     deprecated {@code vllm:gpu_cache_usage_perc} that older vLLM versions export
 */
public record PrometheusLoadNames(List<String> waiting, List<String> running, List<String> kvCacheUsage) {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    public PrometheusLoadNames {
        waiting = validated("waiting", waiting);
        running = validated("running", running);
        kvCacheUsage = validated("kv-cache-usage", kvCacheUsage);
    }

    /** vLLM's names. */
    public static PrometheusLoadNames vllm() {
        return new PrometheusLoadNames(List.of("vllm:num_requests_waiting"), List.of("vllm:num_requests_running"),
                List.of("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc"));
    }

    private static List<String> validated(String what, List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException(what + ": [] (expected: at least one metric name)");
        }
        for (String name : names) {
            if (!METRIC_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(what + ": \"" + name + "\" (expected: a Prometheus metric name)");
            }
        }
        return List.copyOf(names);
    }
}
