package dev.infergate.gateway.observability;

import org.springframework.web.server.ServerWebExchange;

/** Hears every finished proxied request (meters, access log); must not block. */
@FunctionalInterface
public interface RequestRecordListener {

    void onRecord(ServerWebExchange exchange, RequestRecord record);
}
