package dev.infergate.routing.split;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * What a {@code Mirror} filter copies, and where to.
 *
 * @param routeId the route the filter belongs to, for metric tags
 * @param uri the shadow destination: {@code lb://pool}, {@code http://host:port} or {@code https://host:port}
 * @param percent the share of requests copied, from 0 to 100
 * @param maxInFlight the most shadow requests of this route open at once; copies beyond are dropped
 * @param timeout how long a shadow request may take before it is abandoned (its slot freed)
 */
public record MirrorSpec(String routeId, URI uri, double percent, int maxInFlight, Duration timeout) {

    private static final Set<String> SCHEMES = Set.of("lb", "http", "https");

    public MirrorSpec {
        if (!SCHEMES.contains(String.valueOf(uri.getScheme())) || uri.getHost() == null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("uri: \"" + uri
                    + "\" (expected: lb://pool, http://host:port or https://host:port, without path or query)");
        }
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent: " + percent + " (expected: 0 to 100)");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: >= 1)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
    }
}
