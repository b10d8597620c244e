package dev.infergate.routing.admission;

import org.springframework.web.server.ServerWebExchange;

/** Told once per observed exchange what token use its response showed. Must not block. */
@FunctionalInterface
public interface UsageListener {

    void onUsage(ServerWebExchange exchange, ObservedUsage usage);
}
