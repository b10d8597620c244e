package dev.infergate.routing.admission;

import dev.infergate.routing.core.admission.Usage;
import java.io.ByteArrayOutputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads an OpenAI-style event stream as it passes: each {@code data:} line is one JSON chunk. A
 * chunk whose first choice carries non-empty {@code delta.content} or {@code text} counts as one
 * completion token; a chunk with a top-level {@code usage} object gives the reported usage (the
 * final chunk when {@code stream_options.include_usage} is set). Only the current line is held,
 * at most {@value #MAX_LINE} bytes; a longer line is skipped.
 */
final class SseUsageScanner implements UsageScanner {

    static final int MAX_LINE = 256 * 1024;
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] DATA = {'d', 'a', 't', 'a', ':'};

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private boolean overlong;
    private @Nullable Usage usage;
    private long completionChunks;

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                endOfLine();
                start = i + 1;
            }
        }
        append(bytes, start, end - start);
    }

    private void append(byte[] bytes, int offset, int length) {
        if (overlong || length == 0) {
            return;
        }
        if (line.size() + length > MAX_LINE) {
            overlong = true;
            line.reset();
            return;
        }
        line.write(bytes, offset, length);
    }

    private void endOfLine() {
        byte[] text = line.toByteArray();
        boolean skip = overlong;
        line.reset();
        overlong = false;
        if (skip || text.length < DATA.length) {
            return;
        }
        for (int i = 0; i < DATA.length; i++) {
            if (text[i] != DATA[i]) {
                return;
            }
        }
        chunk(text, DATA.length, text.length - DATA.length);
    }

    private void chunk(byte[] text, int offset, int length) {
        try (JsonParser parser = JSON.createParser(text, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return; // [DONE] or a comment
            }
            boolean content = false;
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("usage".equals(name) && value == JsonToken.START_OBJECT) {
                    usage = readUsage(parser);
                } else if ("choices".equals(name) && value == JsonToken.START_ARRAY) {
                    content = hasContent(parser);
                } else {
                    parser.skipChildren();
                }
            }
            if (content) {
                completionChunks++;
            }
        } catch (JacksonException malformed) {
            // Not a JSON chunk: nothing to count.
        }
    }

    private static @Nullable Usage readUsage(JsonParser parser) {
        long prompt = -1;
        long completion = -1;
        for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_NUMBER_INT && "prompt_tokens".equals(name)) {
                prompt = parser.getLongValue();
            } else if (value == JsonToken.VALUE_NUMBER_INT && "completion_tokens".equals(name)) {
                completion = parser.getLongValue();
            } else {
                parser.skipChildren();
            }
        }
        return prompt >= 0 && completion >= 0 ? new Usage(prompt, completion) : null;
    }

    /** True when any choice has non-empty {@code delta.content} or {@code text}; reads to the array's end. */
    private static boolean hasContent(JsonParser parser) {
        boolean content = false;
        for (JsonToken choice = parser.nextToken(); choice != JsonToken.END_ARRAY; choice = parser.nextToken()) {
            if (choice != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("text".equals(name) && value == JsonToken.VALUE_STRING) {
                    content |= !parser.getString().isEmpty();
                } else if ("delta".equals(name) && value == JsonToken.START_OBJECT) {
                    for (JsonToken field = parser.nextToken(); field == JsonToken.PROPERTY_NAME; field = parser.nextToken()) {
                        String key = parser.currentName();
                        JsonToken inner = parser.nextToken();
                        if ("content".equals(key) && inner == JsonToken.VALUE_STRING) {
                            content |= !parser.getString().isEmpty();
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return content;
    }

    @Override
    public @Nullable Usage usage() {
        return usage;
    }

    @Override
    public long completionChunks() {
        return completionChunks;
    }
}
