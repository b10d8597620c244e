package dev.infergate.routing.core.admission;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * Estimates the tokens of an OpenAI-style request body before it is sent.
 *
 * <p>Rule: the prompt text is every top-level {@code prompt} string (or the strings of a
 * {@code prompt} array) and every {@code messages[].content} string (or the {@code text} of each
 * content part), concatenated; its estimate is {@code ceil(code points / 4)} — about four
 * characters per token for English text, and exactly the simulated fleet's tokenizer. The
 * completion estimate is {@code max_completion_tokens}, else {@code max_tokens}, else the
 * configured default. A body that is not a JSON object is estimated as {@code ceil(bytes / 4)}
 * prompt tokens plus the default.
 */
public final class TokenEstimator {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int CHARACTERS_PER_TOKEN = 4;

    private final long defaultMaxTokens;

    public TokenEstimator(long defaultMaxTokens) {
        if (defaultMaxTokens < 0) {
            throw new IllegalArgumentException("default max tokens: " + defaultMaxTokens + " (expected: >= 0)");
        }
        this.defaultMaxTokens = defaultMaxTokens;
    }

    public TokenEstimate estimate(byte[] body) {
        return estimate(new ByteArrayInputStream(body), body.length);
    }

    /** Reads the stream to its end and closes it; {@code length} is its size in bytes. */
    public TokenEstimate estimate(InputStream body, long length) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return fallback(length);
            }
            long codePoints = 0;
            Long maxTokens = null;
            Long maxCompletionTokens = null;
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "prompt" -> codePoints += strings(parser, value);
                    case "messages" -> codePoints += messages(parser, value);
                    case "max_tokens" -> maxTokens = count(parser, value);
                    case "max_completion_tokens" -> maxCompletionTokens = count(parser, value);
                    default -> parser.skipChildren();
                }
            }
            long completion = maxCompletionTokens != null ? maxCompletionTokens
                    : maxTokens != null ? maxTokens : defaultMaxTokens;
            return new TokenEstimate(tokensOf(codePoints), completion);
        } catch (JacksonException malformed) {
            return fallback(length);
        }
    }

    /** {@code ceil(codePoints / 4)}. */
    public static long tokensOf(long codePoints) {
        return (codePoints + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN;
    }

    private TokenEstimate fallback(long length) {
        return new TokenEstimate(tokensOf(length), defaultMaxTokens);
    }

    private static long messages(JsonParser parser, JsonToken value) {
        return sumOverObjects(parser, value, "content", TokenEstimator::content);
    }

    /** A content string, or an array of parts whose {@code text} strings count. */
    private static long content(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_STRING) {
            return codePoints(parser.getString());
        }
        return sumOverObjects(parser, value, "text",
                (each, text) -> text == JsonToken.VALUE_STRING ? codePoints(each.getString()) : skip(each));
    }

    /**
     * Over an array of objects, the sum of {@code counter} applied to each member named
     * {@code member}; everything else is skipped. Anything but an array counts 0.
     */
    private static long sumOverObjects(JsonParser parser, JsonToken value, String member, ValueCounter counter) {
        if (value != JsonToken.START_ARRAY) {
            return skip(parser);
        }
        long codePoints = 0;
        for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
            if (element != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken field = parser.nextToken();
                codePoints += member.equals(name) ? counter.count(parser, field) : skip(parser);
            }
        }
        return codePoints;
    }

    private static long skip(JsonParser parser) {
        parser.skipChildren();
        return 0;
    }

    /** Code points in the value the parser stands on. */
    @FunctionalInterface
    private interface ValueCounter {
        long count(JsonParser parser, JsonToken value);
    }

    private static long strings(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_STRING) {
            return codePoints(parser.getString());
        }
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return 0;
        }
        long codePoints = 0;
        for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
            if (item == JsonToken.VALUE_STRING) {
                codePoints += codePoints(parser.getString());
            } else {
                parser.skipChildren();
            }
        }
        return codePoints;
    }

    private static Long count(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return Math.max(0, parser.getLongValue());
        }
        parser.skipChildren();
        return null;
    }

    private static long codePoints(String text) {
        return text.codePointCount(0, text.length());
    }
}
