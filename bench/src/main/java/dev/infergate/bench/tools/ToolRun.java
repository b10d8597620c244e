package dev.infergate.bench.tools;

/**
 * What a closed-loop load tool reported.
 *
 * @param requestsPerSecond completed requests per second over the run
 * @param requests completed requests
 * @param errors socket errors, timeouts, failed streams and non-2xx answers
 * @param output the tool's full report, kept for a diagnosis
 */
public record ToolRun(double requestsPerSecond, long requests, long errors, String output) {
}
