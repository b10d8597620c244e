package dev.infergate.gateway.admin;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads admin request bodies defensively: at most {@link #MAX_BYTES} (413 beyond), JSON nested at
 * most {@link #MAX_DEPTH} deep and without duplicate keys (400 otherwise), before anything else
 * looks at them.
 */
final class AdminRequestBodies {

    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_DEPTH = 32;

    private final JsonMapper json = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    AdminRequestBodies() {
        // Jackson builds its tree deserializer on first use under a lock: not on an event loop.
        json.readTree("{\"warm\":[1]}");
    }

    /** The body's bytes, or {@link BodyTooLarge}. An empty body is an empty array. */
    Mono<byte[]> bytes(ServerRequest request) {
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), MAX_BYTES)
                .map(AdminRequestBodies::drain)
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> new BodyTooLarge());
    }

    /** Parses JSON strictly; throws {@link UnreadableBody} with a message for the client. */
    JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new UnreadableBody("The request needs a JSON body.");
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new UnreadableBody("The body is not acceptable JSON: " + e.getOriginalMessage());
        }
    }

    private static byte[] drain(DataBuffer buffer) {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return bytes;
    }

    /** Over {@link #MAX_BYTES}. */
    static final class BodyTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge() {
            super("The request body exceeds the admin API's limit of " + MAX_BYTES + " bytes.", null, false, false);
        }
    }

    /** Not JSON, too deep, or with duplicate keys. */
    static final class UnreadableBody extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableBody(String message) {
            super(message, null, false, false);
        }
    }
}
