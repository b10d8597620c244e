package dev.infergate.routing.core.json;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * Finds one top-level string field of a JSON object ({@code "model"} of an OpenAI or KServe v2
 * request) with Jackson's streaming parser, and reports the byte span of its value.
 *
 * <p>The whole document is parsed, so a body that is not one valid JSON value (trailing bytes
 * included) is {@link FieldLookup.Reason#NOT_JSON}. A field that appears twice is
 * {@link FieldLookup.Reason#DUPLICATE}: parsers disagree on which copy counts, and the gateway must
 * not route on one copy while the upstream reads the other. Nested objects are skipped, never
 * searched. Only UTF-8 is accepted (RFC 8259), because the span is in bytes.
 */
public final class TopLevelStringField {

    private static final JsonFactory JSON = new JsonFactory();

    private final String field;

    public TopLevelStringField(String field) {
        if (field.isEmpty()) {
            throw new IllegalArgumentException("field: \"\" (expected: not empty)");
        }
        this.field = field;
    }

    public String field() {
        return field;
    }

    public FieldLookup find(byte[] json) {
        return find(new ByteArrayInputStream(json));
    }

    /** Reads the stream to its end and closes it. */
    public FieldLookup find(InputStream json) {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new FieldLookup.Missing(FieldLookup.Reason.EMPTY);
            }
            if (first != JsonToken.START_OBJECT) {
                return parser.skipChildren().nextToken() == null && utf8(parser)
                        ? new FieldLookup.Missing(FieldLookup.Reason.NOT_AN_OBJECT)
                        : new FieldLookup.Missing(FieldLookup.Reason.NOT_JSON);
            }
            FieldLookup result = new FieldLookup.Missing(FieldLookup.Reason.ABSENT);
            boolean seen = false;
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                boolean ours = field.equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (!ours) {
                    parser.skipChildren();
                    continue;
                }
                if (seen) {
                    result = new FieldLookup.Missing(FieldLookup.Reason.DUPLICATE);
                } else if (value == JsonToken.VALUE_STRING) {
                    long start = parser.currentTokenLocation().getByteOffset();
                    String text = parser.getString();
                    long end = parser.currentLocation().getByteOffset();
                    result = start < 0 ? new FieldLookup.Missing(FieldLookup.Reason.NOT_JSON)
                            : new FieldLookup.Found(text, Math.toIntExact(start), Math.toIntExact(end));
                } else {
                    parser.skipChildren();
                    result = new FieldLookup.Missing(FieldLookup.Reason.NOT_A_STRING);
                }
                seen = true;
            }
            // The object is closed; anything after it but whitespace makes the document invalid.
            if (parser.nextToken() != null || !utf8(parser)) {
                return new FieldLookup.Missing(FieldLookup.Reason.NOT_JSON);
            }
            return result;
        } catch (JacksonException | ArithmeticException malformed) {
            return new FieldLookup.Missing(FieldLookup.Reason.NOT_JSON);
        }
    }

    /** Jackson decodes UTF-16 and UTF-32 too, but then reports no byte offsets. */
    private static boolean utf8(JsonParser parser) {
        return parser.currentLocation().getByteOffset() >= 0;
    }
}
