package dev.infergate.routing.admission;

import org.springframework.web.server.ServerWebExchange;

/**
 * Watches a response for {@code usage} as it streams past, without holding it back, and tells a
 * listener once the response ends. Token reconciliation needs nothing more from the gateway's
 * usage observation; {@link StreamingUsageObserver} is the built-in implementation.
 */
@FunctionalInterface
public interface UsageObserver {

    /** The exchange to continue with; its response reports to {@code listener} exactly once. */
    ServerWebExchange observe(ServerWebExchange exchange, UsageListener listener);
}
