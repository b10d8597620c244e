package dev.infergate.routing.predicate;

import org.jspecify.annotations.Nullable;

/**
 * What {@code RequireModel} requires: a model named in this header, or, without a header, in the
 * request's KServe v2 path or JSON body.
 */
public record RequiredModel(@Nullable String header) {

    public RequiredModel {
        if (header != null) {
            HeaderNames.require("header", header);
        }
    }
}
