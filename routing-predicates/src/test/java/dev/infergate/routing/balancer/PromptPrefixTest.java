package dev.infergate.routing.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

final class PromptPrefixTest {

    @Test
    void aChatPromptIsItsMessagesContentsInOrder() {
        String chat = """
                {"model":"llama-3-8b-instruct","stream":true,"messages":[
                  {"role":"system","content":"You are terse."},
                  {"role":"user","content":[{"type":"text","text":"Hello"},{"type":"image_url","image_url":{"url":"x"}}]}],
                 "max_tokens":16}
                """;

        assertThat(PromptPrefix.of(body(chat), 256)).hasValue("You are terse.\nHello");
    }

    @Test
    void aCompletionPromptMayBeAStringOrAListOfStrings() {
        assertThat(PromptPrefix.of(body("{\"max_tokens\":3,\"prompt\":\"Once upon\"}"), 256)).hasValue("Once upon");
        assertThat(PromptPrefix.of(body("{\"prompt\":[\"a\",\"b\"]}"), 256)).hasValue("a\nb");
    }

    @Test
    void aKServePromptIsItsInputData() {
        String infer = "{\"inputs\":[{\"name\":\"text_input\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\"Translate this\"]}],"
                + "\"parameters\":{\"max_tokens\":8}}";

        assertThat(PromptPrefix.of(body(infer), 256)).hasValue("Translate this");
    }

    @Test
    void readingStopsAtTheLengthSoTheRestIsNeverParsed() {
        String truncatedBody = "{\"messages\":[{\"role\":\"system\",\"content\":\"0123456789abcdef\"},{\"role\":\"user\",\"content\":\"tail";

        assertThat(PromptPrefix.of(body(truncatedBody), 10)).hasValue("0123456789");
    }

    @Test
    void bodiesWithoutAPromptGiveNoKey() {
        assertThat(PromptPrefix.of(body("{\"model\":\"m\",\"input\":\"embeddings are not prompts\"}"), 256)).isEmpty();
        assertThat(PromptPrefix.of(body("not json at all"), 256)).isEmpty();
        assertThat(PromptPrefix.of(body("[1,2,3]"), 256)).isEmpty();
        assertThat(PromptPrefix.of(body("{\"messages\":[{\"content\":"), 256)).isEmpty();
        assertThat(PromptPrefix.of(body(""), 256)).isEmpty();
    }

    @Test
    void theBodyIsReadInPlaceAcrossBuffersAndLeftUnchanged() {
        CompositeByteBuf composite = Unpooled.compositeBuffer();
        composite.addComponents(true, bytes("{\"prompt\":\"split acr"), bytes("oss buffers\",\"n\":1}"));
        DataBuffer body = new NettyDataBufferFactory(composite.alloc()).wrap(composite);
        try {
            int before = body.readPosition();

            assertThat(PromptPrefix.of(body, 256)).hasValue("split across buffers");
            assertThat(body.readPosition()).isEqualTo(before);
        } finally {
            composite.release();
        }
    }

    private static DataBuffer body(String json) {
        return DefaultDataBufferFactory.sharedInstance.wrap(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
