package dev.infergate.routing.core.usage;

import java.util.Locale;

/**
 * Reads {@link Usage} from a response body fed chunk by chunk, in constant memory.
 *
 * <p>Not thread-safe: one scanner follows one response, whose chunks arrive in order.
 */
public interface UsageScanner {

    void feed(byte[] bytes, int offset, int length);

    /** What was read so far; call once the body ended for the final answer. */
    Usage usage();

    /**
     * Stream chunks that carried generated text so far: what a client received of a stream cut
     * before its usage (0 for a JSON body, which is read whole).
     */
    default long completionChunks() {
        return 0;
    }

    /** The scanner for a response's content type: SSE, JSON, or one that reads nothing. */
    static UsageScanner forContentType(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("text/event-stream")) {
            return new SseUsageScanner();
        }
        if (type.startsWith("application/json") || type.contains("+json")) {
            return new JsonUsageScanner();
        }
        return NONE;
    }

    UsageScanner NONE = new UsageScanner() {
        @Override
        public void feed(byte[] bytes, int offset, int length) {
        }

        @Override
        public Usage usage() {
            return Usage.NONE;
        }
    };
}
