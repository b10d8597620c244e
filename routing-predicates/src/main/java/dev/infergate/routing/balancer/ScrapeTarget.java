package dev.infergate.routing.balancer;

/**
 * An endpoint whose metrics are scraped, and a pool it belongs to (for the failure counter's tag).
 *
 * @param pool the pool's name
 * @param host address or host name
 * @param port TCP port of the endpoint (its metrics are served on the same port, as vLLM does)
 */
public record ScrapeTarget(String pool, String host, int port) {

    public ScrapeTarget {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
    }

    /** {@code host:port}, the endpoint's identity in the load signals. */
    public String endpoint() {
        return host + ":" + port;
    }
}
