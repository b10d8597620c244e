package dev.infergate.routing.predicate;

import java.util.regex.Pattern;

/** Checks that configured header names are HTTP field names (RFC 9110 tokens). */
final class HeaderNames {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private HeaderNames() {
    }

    static String require(String field, String name) {
        if (!TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException(field + ": \"" + name + "\" (expected: a header name)");
        }
        return name;
    }
}
