package dev.infergate.routing.admission;

import org.springframework.web.server.ServerWebExchange;

/**
 * Finds the client behind a request. API keys now; a JWT claim or the client address (taken from
 * {@code Forwarded} only behind trusted proxies, as the server's {@code trusted-proxies} decides)
 * are other implementations of the same contract. Runs on the event loop: it must not block.
 */
@FunctionalInterface
public interface IdentityResolver {

    IdentityResolution resolve(ServerWebExchange exchange, TenantDirectory tenants);
}
