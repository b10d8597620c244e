package dev.infergate.routing.balancer;

import dev.infergate.routing.core.balance.PrometheusLoadNames;
import java.time.Duration;

/**
 * How endpoints' metrics are scraped.
 *
 * @param interval time between two scrapes of an endpoint. Default 1 s: a queue depth a second old
 *                 still describes a server whose requests last seconds, in-flight counts cover the
 *                 picks in between, and a vLLM page (tens of KB) per endpoint per second costs
 *                 little
 * @param timeout a scrape not answered within this fails. Default 500 ms, half the interval, so a
 *                hanging server never delays the next round; a server too busy to answer its
 *                metrics within it is treated as having none
 * @param path the metrics path on each endpoint's port. Default {@code /metrics}, as vLLM serves it
 * @param maxBodyBytes a larger metrics page fails the scrape instead of filling memory. Default 1 MiB
 * @param names the metric names of the load values; default {@link PrometheusLoadNames#vllm()}
 */
public record ScrapeSettings(Duration interval, Duration timeout, String path, int maxBodyBytes, PrometheusLoadNames names) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
    public static final String DEFAULT_PATH = "/metrics";
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    public ScrapeSettings {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval: " + interval + " (expected: > 0)");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0 and <= interval " + interval + ")");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path: \"" + path + "\" (expected: an absolute path such as /metrics)");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("max-body-bytes: " + maxBodyBytes + " (expected: > 0)");
        }
    }

    public static ScrapeSettings defaults() {
        return new ScrapeSettings(DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_PATH, DEFAULT_MAX_BODY_BYTES, PrometheusLoadNames.vllm());
    }
}
