package dev.infergate.routing.balancer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.server.ServerWebExchange;

/**
 * The retry hook: the endpoints ({@code host:port}) already tried for one request, kept in the
 * exchange attribute {@value #ATTRIBUTE}.
 *
 * <p>Contract: {@link EndpointPicker} never picks an endpoint in this set and adds every endpoint it
 * picks, so a retry that goes through the load balancer again (Spring Cloud Gateway's filter chain
 * re-run, or our own retry) reaches an endpoint not yet tried. A retry filter may also add
 * endpoints itself, and may read {@link #endpoints()} in the order they were tried. The set lives as
 * long as the exchange. Thread-safe: attempts of one request may run on different threads.
 */
public final class TriedEndpoints {

    /** The exchange attribute holding this request's {@code TriedEndpoints}. */
    public static final String ATTRIBUTE = "dev.infergate.routing.balancer.TriedEndpoints";

    private final Set<String> endpoints = new LinkedHashSet<>();

    /** The exchange's set, created empty on first use. */
    public static TriedEndpoints of(ServerWebExchange exchange) {
        return in(exchange.getAttributes());
    }

    /**
     * The set in {@code attributes} (an exchange's, or the ones Spring Cloud LoadBalancer hands
     * over in {@code RequestData}), created empty on first use.
     */
    public static TriedEndpoints in(Map<String, Object> attributes) {
        return (TriedEndpoints) attributes.computeIfAbsent(ATTRIBUTE, key -> new TriedEndpoints());
    }

    public synchronized void add(String endpoint) {
        endpoints.add(endpoint);
    }

    public synchronized boolean contains(String endpoint) {
        return endpoints.contains(endpoint);
    }

    /** The endpoints tried, in the order they were first tried. */
    public synchronized List<String> endpoints() {
        return List.copyOf(endpoints);
    }

    /** A copy, for one pick. */
    synchronized Set<String> snapshot() {
        return Set.copyOf(endpoints);
    }
}
