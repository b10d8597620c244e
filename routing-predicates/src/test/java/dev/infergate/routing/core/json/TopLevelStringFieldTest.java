package dev.infergate.routing.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TopLevelStringFieldTest {

    private static final TopLevelStringField MODEL = new TopLevelStringField("model");

    @Test
    void theValueIsFoundWithTheByteSpanOfItsStringTokenQuotesIncluded() {
        String json = "{\"messages\":[{\"role\":\"user\",\"content\":\"héllo\"}], \"model\" : \"llama-3\" }";

        FieldLookup lookup = MODEL.find(bytes(json));

        assertThat(lookup).isInstanceOf(FieldLookup.Found.class);
        FieldLookup.Found found = (FieldLookup.Found) lookup;
        assertThat(found.value()).isEqualTo("llama-3");
        assertThat(new String(bytes(json), found.start(), found.end() - found.start(), StandardCharsets.UTF_8))
                .isEqualTo("\"llama-3\"");
    }

    @Test
    void anEscapedValueIsDecodedAndItsSpanCoversTheEscapes() {
        String json = "{\"model\":\"a\\\"b\\u00e9\"}";

        FieldLookup.Found found = (FieldLookup.Found) MODEL.find(bytes(json));

        assertThat(found.value()).isEqualTo("a\"bé");
        assertThat(found.start()).isEqualTo(9);
        assertThat(found.end()).isEqualTo(json.length() - 1);
    }

    @Test
    void aNestedModelFieldIsNotTheRequestsModel() {
        assertThat(MODEL.find(bytes("{\"options\":{\"model\":\"x\"},\"prompt\":\"hi\"}")))
                .isEqualTo(new FieldLookup.Missing(FieldLookup.Reason.ABSENT));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                                    | EMPTY",
        "'   '                                 | EMPTY",
        "not json                              | NOT_JSON",
        "'{\"model\":\"x\"'                    | NOT_JSON",
        "'{\"model\":\"x\"} trailing'          | NOT_JSON",
        "'{\"model\":\"x\"} {}'                | NOT_JSON",
        "'[{\"model\":\"x\"}]'                 | NOT_AN_OBJECT",
        "'\"model\"'                           | NOT_AN_OBJECT",
        "'{\"prompt\":\"hi\"}'                 | ABSENT",
        "'{\"model\":7}'                       | NOT_A_STRING",
        "'{\"model\":{\"name\":\"x\"}}'        | NOT_A_STRING",
        "'{\"model\":\"a\",\"model\":\"b\"}'   | DUPLICATE",
        "'{\"model\":1,\"model\":\"b\"}'       | DUPLICATE",
    })
    void aBodyWithoutOneStringModelSaysWhy(String json, FieldLookup.Reason reason) {
        assertThat(MODEL.find(bytes(json))).isEqualTo(new FieldLookup.Missing(reason));
    }

    @Test
    void aUtf16DocumentIsNotAcceptedBecauseItsSpanWouldNotBeInUtf8Bytes() {
        byte[] utf16 = "{\"model\":\"x\"}".getBytes(StandardCharsets.UTF_16);

        assertThat(MODEL.find(utf16)).isEqualTo(new FieldLookup.Missing(FieldLookup.Reason.NOT_JSON));
    }

    @Test
    void reasonsNameTheField() {
        assertThat(FieldLookup.Reason.ABSENT.describe("model")).isEqualTo("the JSON body has no top-level \"model\" field");
        assertThat(FieldLookup.Reason.NOT_JSON.describe("model")).isEqualTo("the body is not valid UTF-8 JSON");
    }

    @Test
    void anEmptyFieldNameIsRejected() {
        assertThatThrownBy(() -> new TopLevelStringField("")).hasMessage("field: \"\" (expected: not empty)");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
