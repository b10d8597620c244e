package dev.infergate.routing.usage;

import dev.infergate.routing.core.usage.Usage;
import org.springframework.web.server.ServerWebExchange;

/**
 * Hears the usage of each proxied inference response once it ended (completed, failed or
 * cancelled): meters count tokens, token limits reconcile their estimate, traces take the GenAI
 * attributes. Called on the thread that finished the exchange: it must not block.
 */
@FunctionalInterface
public interface UsageListener {

    void onUsage(ServerWebExchange exchange, Usage usage);
}
