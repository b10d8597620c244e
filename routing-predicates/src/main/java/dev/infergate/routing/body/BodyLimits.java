package dev.infergate.routing.body;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.util.unit.DataSize;

/**
 * The one request-body cap of the gateway, and its per-route override.
 *
 * <p>A route may set metadata {@code max-request-body} to a size ({@code 4MB}) or to
 * {@code unbounded} for routes that stream request bodies on purpose (uploads, client-streaming
 * gRPC). Routes that cache the body are always bounded: caching an unbounded body would let one
 * client take the gateway's memory.
 */
public final class BodyLimits {

    public static final String METADATA_KEY = "max-request-body";
    public static final String UNBOUNDED = "unbounded";

    private final long defaultMaxBytes;

    public BodyLimits(DataSize defaultMax) {
        if (defaultMax.isNegative()) {
            throw new IllegalArgumentException("max request body: " + defaultMax + " (expected: >= 0)");
        }
        this.defaultMaxBytes = defaultMax.toBytes();
    }

    public long defaultMaxBytes() {
        return defaultMaxBytes;
    }

    /** The cap for a streamed body on this route; {@code Long.MAX_VALUE} when the route is unbounded. */
    public long streamingMaxBytes(Route route) {
        Object value = route.getMetadata().get(METADATA_KEY);
        if (value == null) {
            return defaultMaxBytes;
        }
        if (UNBOUNDED.equals(String.valueOf(value))) {
            return Long.MAX_VALUE;
        }
        return parse(value);
    }

    /** The cap for a body the gateway keeps in memory on this route. */
    public long cachedMaxBytes(Route route) {
        Object value = route.getMetadata().get(METADATA_KEY);
        if (value == null || UNBOUNDED.equals(String.valueOf(value))) {
            return defaultMaxBytes;
        }
        return parse(value);
    }

    private static long parse(Object value) {
        return value instanceof Number number ? number.longValue() : DataSize.parse(String.valueOf(value)).toBytes();
    }
}
