package dev.infergate.sim;

import java.util.List;

/**
 * What a simulated server is called, serves and listens on.
 *
 * @param name the server's name in logs and fleet listings
 * @param models the model names it serves (requests for others get 404)
 * @param seed the seed every generated id, timestamp and token derives from
 * @param defaultMaxTokens output length when a request sets no {@code max_tokens}
 * @param host the address to bind (loopback by default)
 * @param port the port, 0 for a free one
 */
public record SimServerSettings(String name, List<String> models, long seed, int defaultMaxTokens, String host, int port) {

    public static final String LOOPBACK = "127.0.0.1";

    public SimServerSettings {
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("models: [] (expected: at least one model name)");
        }
        if (defaultMaxTokens < 1) {
            throw new IllegalArgumentException("defaultMaxTokens: " + defaultMaxTokens + " (expected: >= 1)");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
    }

    public static SimServerSettings onFreePort(String name, List<String> models, long seed) {
        return new SimServerSettings(name, models, seed, 16, LOOPBACK, 0);
    }
}
