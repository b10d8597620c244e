package dev.infergate.routing.split;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A destination's path rewrite, as Spring Cloud Gateway's {@code RewritePath} does it: every match
 * of {@code regexp} in the request's raw path is replaced by {@code replacement}, which may refer to
 * named groups as {@code ${name}} or, in documents that Spring reads, {@code $\{name}}.
 */
public final class PathRewrite {

    private final String regexp;
    private final String replacement;
    private final Pattern pattern;
    private final String javaReplacement;

    private PathRewrite(String regexp, String replacement, Pattern pattern) {
        this.regexp = regexp;
        this.replacement = replacement;
        this.pattern = pattern;
        this.javaReplacement = replacement.replace("$\\", "$");
    }

    /** @throws InvalidSplitException when the regexp does not compile (paths relative to the rewrite) */
    public static PathRewrite of(String regexp, String replacement) {
        try {
            return new PathRewrite(regexp, replacement, Pattern.compile(regexp));
        } catch (PatternSyntaxException invalid) {
            throw InvalidSplitException.of("regexp", Values.quote(regexp) + " (expected: a regular expression: "
                    + invalid.getDescription() + ")");
        }
    }

    public String regexp() {
        return regexp;
    }

    public String replacement() {
        return replacement;
    }

    public String apply(String rawPath) {
        return pattern.matcher(rawPath).replaceAll(javaReplacement);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathRewrite that && regexp.equals(that.regexp) && replacement.equals(that.replacement);
    }

    @Override
    public int hashCode() {
        return Objects.hash(regexp, replacement);
    }

    @Override
    public String toString() {
        return "PathRewrite[regexp=" + regexp + ", replacement=" + replacement + "]";
    }
}
