package dev.infergate.routing.split;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** How configured values appear in validation messages, and the shared name rules. */
final class Values {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private Values() {
    }

    /** Strings in quotes, everything else as written: {@code "canary"}, {@code -5}. */
    static String quote(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        return value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    }

    /** An HTTP header or cookie name (an RFC 9110 token). */
    static boolean isToken(String name) {
        return TOKEN.matcher(name).matches();
    }
}
