package dev.infergate.routing.core.admission;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The configured form of an API key: {@code sha256:} followed by the 64 lowercase hex digits of
 * SHA-256 over the key's UTF-8 bytes, exactly as {@code printf %s "$KEY" | sha256sum} prints them.
 * Keys are high-entropy secrets issued by the operator, so an unsalted fast hash is enough to keep
 * them out of the configuration; the clear key exists only in the request being checked.
 * {@link #toString()} shows the hash, never the key.
 */
public record ApiKeyHash(String value) {

    public static final String PREFIX = "sha256:";
    private static final Pattern FORM = Pattern.compile("sha256:[0-9a-f]{64}");

    public ApiKeyHash {
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("api key hash: expected \"sha256:\" and 64 lowercase hex digits");
        }
    }

    /** Hashes a clear key presented by a client. */
    public static ApiKeyHash of(String key) {
        return new ApiKeyHash(PREFIX + DigestUtils.sha256Hex(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** True when {@code text} has the configured form. */
    public static boolean isValid(String text) {
        return FORM.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
