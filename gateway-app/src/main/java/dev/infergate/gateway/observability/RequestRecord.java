package dev.infergate.gateway.observability;

import dev.infergate.routing.core.usage.Usage;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One proxied request, as observed from its first byte in to its last byte out.
 *
 * @param route the matched route id, {@code none} when no route matched
 * @param destination the split destination, {@code none} without a split
 * @param pool the {@code lb://} pool, {@code none} for direct upstreams or no route
 * @param endpoint the upstream {@code host:port} called last, {@code none} when none was
 * @param outcome the status class ({@code 2xx}) or, for the gateway's own refusals and failures, the
 *     problem type ({@code no-route}, {@code upstream-timeout}), or {@code cancelled}
 * @param firstByteNanos time from arrival to the first response byte, -1 when none was written
 * @param retries attempts beyond the first
 * @param tenantHash the tenant's hash when client identity resolved one
 * @param traceId the W3C trace id when the request is traced
 */
public record RequestRecord(
        Instant time,
        String route,
        String destination,
        String pool,
        String endpoint,
        String method,
        String path,
        int status,
        String outcome,
        long requestBytes,
        long responseBytes,
        long firstByteNanos,
        long totalNanos,
        int retries,
        @Nullable String tenantHash,
        @Nullable String traceId,
        Usage usage) {

    public static final String NONE = "none";
}
