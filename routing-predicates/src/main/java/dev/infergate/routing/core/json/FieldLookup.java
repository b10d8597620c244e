package dev.infergate.routing.core.json;

/** What looking for one top-level string field of a JSON document found. */
public sealed interface FieldLookup {

    /**
     * The field is there once, with a string value.
     *
     * @param value the decoded string
     * @param start the byte offset of the value's opening quote in the document
     * @param end the byte offset just after the value's closing quote
     */
    record Found(String value, int start, int end) implements FieldLookup {

        public Found {
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("span: [" + start + ", " + end + ") (expected: 0 <= start < end)");
            }
        }
    }

    /** The field could not be read, and why. */
    record Missing(Reason reason) implements FieldLookup {
    }

    /** Why a field is missing, with a sentence for error messages. */
    enum Reason {
        EMPTY("the body is empty"),
        NOT_JSON("the body is not valid UTF-8 JSON"),
        NOT_AN_OBJECT("the body is not a JSON object"),
        ABSENT("the JSON body has no top-level \"%s\" field"),
        NOT_A_STRING("the top-level \"%s\" field is not a string"),
        DUPLICATE("the top-level \"%s\" field appears more than once");

        private final String template;

        Reason(String template) {
            this.template = template;
        }

        /** The reason as a clause, naming the field: {@code the JSON body has no top-level "model" field}. */
        public String describe(String field) {
            return template.formatted(field);
        }
    }
}
