package dev.infergate.routing.core.usage;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a JSON completion (OpenAI shape) with Jackson's non-blocking parser, token by token as
 * bytes arrive: top-level {@code model}, {@code usage.prompt_tokens},
 * {@code usage.completion_tokens} and {@code choices[].finish_reason}. Memory stays constant
 * whatever the body's size; a malformed body stops the reading, keeping what was read.
 */
final class JsonUsageScanner implements UsageScanner {

    private static final JsonFactory JSON = new JsonFactory();

    private final JsonParser parser = JSON.createNonBlockingByteArrayParser(ObjectReadContext.empty());
    private final ByteArrayFeeder feeder = (ByteArrayFeeder) parser.nonBlockingInputFeeder();
    private final UsageFields fields = new UsageFields();
    private boolean broken;
    private boolean content;

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        if (broken || length == 0) {
            return;
        }
        try {
            feeder.feedInput(bytes, offset, offset + length);
            for (JsonToken token; (token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE; ) {
                if (token == JsonToken.VALUE_STRING) {
                    onString(parser.streamReadContext(), parser.getString());
                } else if (token == JsonToken.VALUE_NUMBER_INT) {
                    onInteger(parser.streamReadContext(), parser.getLongValue());
                }
            }
        } catch (JacksonException malformed) {
            broken = true;
        }
    }

    private void onString(TokenStreamContext member, String value) {
        String name = member.currentName();
        if (!value.isEmpty() && isChoiceContent(member, name)) {
            content = true;
        }
        if ("model".equals(name) && isTopLevel(member)) {
            fields.model(value);
        } else if ("finish_reason".equals(name) && member.getParent() != null && member.getParent().inArray()
                && isMemberOfTopLevel(member.getParent(), "choices")) {
            fields.finishReason(value);
        }
    }

    private void onInteger(TokenStreamContext member, long value) {
        if (member.inObject() && isMemberOfTopLevel(member, "usage")) {
            if ("prompt_tokens".equals(member.currentName())) {
                fields.input(value);
            } else if ("completion_tokens".equals(member.currentName())) {
                fields.output(value);
            }
        }
    }

    /** {@code choices[].delta.content} (chat) or {@code choices[].text} (text completion). */
    private static boolean isChoiceContent(TokenStreamContext member, @Nullable String name) {
        if ("text".equals(name)) {
            return member.getParent() != null && member.getParent().inArray() && isMemberOfTopLevel(member.getParent(), "choices");
        }
        if ("content".equals(name) && member.getParent() != null && "delta".equals(member.getParent().currentName())) {
            @Nullable TokenStreamContext choices = member.getParent().getParent();
            return choices != null && choices.inArray() && isMemberOfTopLevel(choices, "choices");
        }
        return false;
    }

    /** Whether any choice carried generated text ({@code delta.content} or {@code text}). */
    boolean sawContent() {
        return content;
    }

    private static boolean isTopLevel(TokenStreamContext member) {
        return member.inObject() && member.getParent() != null && member.getParent().inRoot();
    }

    /** Whether {@code context} is the value of the top-level member {@code name}. */
    private static boolean isMemberOfTopLevel(TokenStreamContext context, String name) {
        @Nullable TokenStreamContext parent = context.getParent();
        return parent != null && isTopLevel(parent) && name.equals(parent.currentName());
    }

    @Override
    public Usage usage() {
        return fields.usage();
    }
}
