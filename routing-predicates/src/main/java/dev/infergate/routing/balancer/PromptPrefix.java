package dev.infergate.routing.balancer;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.async.ByteBufferFeeder;
import tools.jackson.core.json.JsonFactory;

/**
 * The first characters of a request's prompt, read from its cached JSON body: the key that
 * {@code prefix-affinity} hashes.
 *
 * <p>The prompt is the text of, in document order: {@code prompt} (OpenAI completions; a string or
 * a list of strings), every {@code messages[*].content} (OpenAI chat; a string, or parts whose
 * {@code text} is read), and the strings of {@code inputs[*].data} (KServe v2). Parts are joined by
 * a line feed, and reading stops as soon as {@code maxChars} characters are known, so a long body
 * is not parsed to its end. Anything else (not JSON, no prompt) gives no key; the body is never
 * changed, its read position included.
 *
 * <p>Jackson's non-blocking parser is fed the body's own {@code ByteBuffer}s: no copy of the body.
 */
public final class PromptPrefix {

    private static final JsonFactory JSON = new JsonFactory();

    private PromptPrefix() {
    }

    /** The prefix of the prompt in {@code body}, at most {@code maxChars} long; empty when there is none. */
    public static Optional<String> of(DataBuffer body, int maxChars) {
        try (DataBuffer.ByteBufferIterator buffers = body.readableByteBuffers()) {
            return new Walker(buffers, maxChars).prompt();
        } catch (JacksonException malformed) {
            return Optional.empty();
        }
    }

    /** A recursive descent over the token stream that reads only what the prompt needs. */
    private static final class Walker {

        private final Iterator<ByteBuffer> buffers;
        private final int maxChars;
        private final StringBuilder text = new StringBuilder();
        private final JsonParser parser;
        private final ByteBufferFeeder feeder;

        Walker(Iterator<ByteBuffer> buffers, int maxChars) {
            this.buffers = buffers;
            this.maxChars = maxChars;
            this.parser = JSON.createNonBlockingByteBufferParser(ObjectReadContext.empty());
            this.feeder = (ByteBufferFeeder) parser.nonBlockingInputFeeder();
        }

        Optional<String> prompt() {
            try (parser) {
                if (next() != JsonToken.START_OBJECT) {
                    return Optional.empty();
                }
                while (!full() && next() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    @Nullable JsonToken value = next();
                    switch (name) {
                        case "prompt" -> strings(value);
                        case "messages" -> messages(value);
                        case "inputs" -> inputs(value);
                        default -> skip(value);
                    }
                }
            }
            return text.isEmpty() ? Optional.empty() : Optional.of(text.substring(0, Math.min(text.length(), maxChars)));
        }

        private void messages(@Nullable JsonToken value) {
            eachElement(value, element -> eachProperty(element, (name, item) -> {
                if (name.equals("content")) {
                    content(item);
                } else {
                    skip(item);
                }
            }));
        }

        private void content(@Nullable JsonToken value) {
            if (value == JsonToken.VALUE_STRING) {
                append(parser.getString());
                return;
            }
            eachElement(value, part -> eachProperty(part, (name, item) -> {
                if (name.equals("text")) {
                    strings(item);
                } else {
                    skip(item);
                }
            }));
        }

        private void inputs(@Nullable JsonToken value) {
            eachElement(value, input -> eachProperty(input, (name, item) -> {
                if (name.equals("data")) {
                    strings(item);
                } else {
                    skip(item);
                }
            }));
        }

        /** Appends every string in {@code value}, a string or (nested) array. */
        private void strings(@Nullable JsonToken value) {
            if (value == JsonToken.VALUE_STRING) {
                append(parser.getString());
            } else if (value == JsonToken.START_ARRAY) {
                JsonToken element;
                while (!full() && (element = next()) != JsonToken.END_ARRAY && element != null) {
                    strings(element);
                }
            } else {
                skip(value);
            }
        }

        private void eachElement(@Nullable JsonToken value, TokenConsumer element) {
            if (value != JsonToken.START_ARRAY) {
                skip(value);
                return;
            }
            JsonToken token;
            while (!full() && (token = next()) != JsonToken.END_ARRAY && token != null) {
                element.accept(token);
            }
        }

        private void eachProperty(@Nullable JsonToken value, PropertyConsumer property) {
            if (value != JsonToken.START_OBJECT) {
                skip(value);
                return;
            }
            while (!full() && next() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                property.accept(name, next());
            }
        }

        private void skip(@Nullable JsonToken value) {
            if (value != JsonToken.START_OBJECT && value != JsonToken.START_ARRAY) {
                return;
            }
            int depth = 1;
            while (depth > 0) {
                JsonToken token = next();
                if (token == null) {
                    return;
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
            }
        }

        private void append(String part) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            int room = Math.max(0, maxChars - text.length());
            text.append(part, 0, Math.min(part.length(), room));
        }

        private boolean full() {
            return text.length() >= maxChars;
        }

        /** The next token, feeding the parser the body's next buffer whenever it runs dry. */
        private @Nullable JsonToken next() {
            JsonToken token = parser.nextToken();
            while (token == JsonToken.NOT_AVAILABLE) {
                if (buffers.hasNext()) {
                    feeder.feedInput(buffers.next());
                } else {
                    feeder.endOfInput();
                }
                token = parser.nextToken();
            }
            return token;
        }
    }

    @FunctionalInterface
    private interface TokenConsumer {
        void accept(JsonToken token);
    }

    @FunctionalInterface
    private interface PropertyConsumer {
        void accept(String name, @Nullable JsonToken value);
    }
}
