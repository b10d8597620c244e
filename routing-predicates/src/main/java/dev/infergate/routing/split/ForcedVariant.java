package dev.infergate.routing.split;

/**
 * Whether a tester may pick the destination by name, and where the name is read: the header wins
 * over the cookie. A forced name beats the sticky hash and may name a destination of weight 0; an
 * unknown name is refused with 400.
 */
public record ForcedVariant(boolean enabled, String header, String cookie) {

    public static final String DEFAULT_HEADER = "X-Infergate-Variant";
    public static final String DEFAULT_COOKIE = "infergate-variant";
    public static final ForcedVariant DISABLED = new ForcedVariant(false, DEFAULT_HEADER, DEFAULT_COOKIE);
    public static final ForcedVariant ENABLED = new ForcedVariant(true, DEFAULT_HEADER, DEFAULT_COOKIE);

    public ForcedVariant {
        if (!Values.isToken(header)) {
            throw InvalidSplitException.of("header", Values.quote(header) + " (expected: a header name)");
        }
        if (!Values.isToken(cookie)) {
            throw InvalidSplitException.of("cookie", Values.quote(cookie) + " (expected: a cookie name)");
        }
    }
}
