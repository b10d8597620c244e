package dev.infergate.routing.predicate;

import java.util.Optional;

/** The model an inference request names, or why it names none. */
public sealed interface RequestModel {

    /** Where a model name was read. */
    enum Source {
        /** A header the route names. */
        HEADER,
        /** A KServe v2 inference path, {@code /v2/models/{name}/infer}. */
        PATH,
        /** The top-level {@code model} field of a JSON body (OpenAI, KServe v2). */
        BODY
    }

    /** The request names this model. */
    record Named(String name, Source source) implements RequestModel {

        public Named {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("name: \"\" (expected: not empty)");
            }
        }
    }

    /** The request names no model; {@code reason} is a clause for an error message. */
    record Unnamed(String reason) implements RequestModel {
    }

    default Optional<String> modelName() {
        return this instanceof Named named ? Optional.of(named.name()) : Optional.empty();
    }
}
