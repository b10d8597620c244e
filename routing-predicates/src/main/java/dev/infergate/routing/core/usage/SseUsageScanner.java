package dev.infergate.routing.core.usage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads an OpenAI server-sent event stream line by line as it passes: each {@code data:} line is
 * one small JSON chunk, read like a JSON completion: its {@code model},
 * {@code choices[].finish_reason} and (in the final chunk, when the client asked for it)
 * {@code usage} are kept. Only the current line is held; a
 * line longer than {@link #MAX_LINE} is skipped.
 */
final class SseUsageScanner implements UsageScanner {

    static final int MAX_LINE = 256 * 1024;
    private static final String DATA = "data:";

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private final UsageFields fields = new UsageFields();
    private boolean skipping;
    private long completionChunks;

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (!skipping) {
                    onLine(line.toString(StandardCharsets.UTF_8));
                }
                line.reset();
                skipping = false;
            } else if (!skipping) {
                if (line.size() >= MAX_LINE) {
                    skipping = true;
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }
    }

    private void onLine(String text) {
        if (!text.startsWith(DATA)) {
            return;
        }
        String payload = text.substring(DATA.length()).strip();
        if (payload.isEmpty() || payload.equals("[DONE]")) {
            return;
        }
        byte[] chunk = payload.getBytes(StandardCharsets.UTF_8);
        JsonUsageScanner reader = new JsonUsageScanner();
        reader.feed(chunk, 0, chunk.length);
        if (reader.sawContent()) {
            completionChunks++;
        }
        Usage read = reader.usage();
        if (read.model() != null) {
            fields.model(read.model());
        }
        read.finishReasons().forEach(fields::finishReason);
        read.inputTokens().ifPresent(fields::input);
        read.outputTokens().ifPresent(fields::output);
    }

    @Override
    public long completionChunks() {
        return completionChunks;
    }

    @Override
    public Usage usage() {
        return fields.usage();
    }
}
