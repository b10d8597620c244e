package dev.infergate.routing.core.admission;

import java.util.List;
import java.util.StringJoiner;

/**
 * The {@code RateLimit-Policy} and {@code RateLimit} field values of
 * draft-ietf-httpapi-ratelimit-headers-10: Structured Field Lists of Items whose value is the
 * policy name (an sf-string) with parameters.
 *
 * <p>Each bandwidth of each limit is one policy, named by {@link LimitDefinition#policyName(int)}:
 * {@code q} is the bandwidth's capacity, {@code w} its full-refill time in seconds (the time in
 * which {@code q} units come back), and {@code qu="tokens"} marks LLM-token limits (requests are
 * the draft's default unit). In {@code RateLimit}, {@code r} is what is left and {@code t} the
 * seconds until the bandwidth is full again.
 *
 * <pre>
 * RateLimit-Policy: "tenant-requests/1s";q=40;w=2, "tenant-requests/1d";q=10000;w=86400, "tokens";q=100000;w=3600;qu="tokens"
 * RateLimit: "tenant-requests/1s";r=39;t=1, "tenant-requests/1d";r=9999;t=9, "tokens";r=99880;t=5
 * </pre>
 */
public final class RateLimitFields {

    public static final String POLICY = "RateLimit-Policy";
    public static final String LIMIT = "RateLimit";

    private RateLimitFields() {
    }

    public static String policy(List<LimitDefinition> limits) {
        StringJoiner items = new StringJoiner(", ");
        for (LimitDefinition limit : limits) {
            for (int i = 0; i < limit.bandwidths().size(); i++) {
                Bandwidth bandwidth = limit.bandwidths().get(i);
                String item = string(limit.policyName(i)) + ";q=" + bandwidth.capacity()
                        + ";w=" + Math.max(1, bandwidth.fullRefill().toSeconds());
                if (limit.unit() == LimitUnit.TOKENS) {
                    item += ";qu=" + string(LimitUnit.TOKENS.configName());
                }
                items.add(item);
            }
        }
        return items.toString();
    }

    public static String limit(List<LimitState> states) {
        StringJoiner items = new StringJoiner(", ");
        for (LimitState state : states) {
            LimitDefinition limit = state.limit();
            for (int i = 0; i < limit.bandwidths().size(); i++) {
                long available = state.available().get(i);
                items.add(string(limit.policyName(i)) + ";r=" + available
                        + ";t=" + limit.bandwidths().get(i).secondsUntilFull(available));
            }
        }
        return items.toString();
    }

    /** An sf-string: printable ASCII, with {@code "} and {@code \} escaped (RFC 9651 section 4.1.6). */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("not printable ASCII: " + value);
            }
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
