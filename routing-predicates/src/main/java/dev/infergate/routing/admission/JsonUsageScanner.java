package dev.infergate.routing.admission;

import dev.infergate.routing.core.admission.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.core.json.JsonFactory;

/**
 * Finds the top-level {@code usage} object of a JSON answer with Jackson's non-blocking parser:
 * the bytes are parsed as they pass and never collected. Malformed JSON stops the scan.
 */
final class JsonUsageScanner implements UsageScanner {

    private static final JsonFactory JSON = new JsonFactory();

    private final JsonParser parser = JSON.createNonBlockingByteArrayParser(ObjectReadContext.empty());
    private int depth;
    private boolean inUsage;
    private @Nullable String field;
    private long promptTokens = -1;
    private long completionTokens = -1;
    private boolean broken;

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        if (broken) {
            return;
        }
        try {
            ((ByteArrayFeeder) parser.nonBlockingInputFeeder()).feedInput(bytes, offset, offset + length);
            for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.NOT_AVAILABLE; token = parser.nextToken()) {
                step(token);
            }
        } catch (JacksonException malformed) {
            broken = true;
        }
    }

    private void step(JsonToken token) {
        switch (token) {
            case START_OBJECT, START_ARRAY -> {
                if (depth == 1 && token == JsonToken.START_OBJECT && "usage".equals(field)) {
                    inUsage = true;
                }
                depth++;
            }
            case END_OBJECT, END_ARRAY -> {
                depth--;
                if (depth == 1) {
                    inUsage = false;
                }
            }
            case PROPERTY_NAME -> field = parser.currentName();
            case VALUE_NUMBER_INT -> {
                if (inUsage && depth == 2) {
                    if ("prompt_tokens".equals(field)) {
                        promptTokens = parser.getLongValue();
                    } else if ("completion_tokens".equals(field)) {
                        completionTokens = parser.getLongValue();
                    }
                }
            }
            default -> {
            }
        }
    }

    @Override
    public @Nullable Usage usage() {
        return promptTokens >= 0 && completionTokens >= 0 ? new Usage(promptTokens, completionTokens) : null;
    }

    @Override
    public long completionChunks() {
        return 0;
    }
}
