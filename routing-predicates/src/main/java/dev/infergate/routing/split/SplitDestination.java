package dev.infergate.routing.split;

import java.net.URI;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One destination of a traffic split.
 *
 * <p>The request keeps its path and query; the destination replaces the scheme, host and port of
 * the URL the gateway forwards to (as a route's own {@code uri} does, whose path is ignored too),
 * so {@code uri} has no path.
 *
 * @param name the variant name, echoed in {@code X-Infergate-Variant}, used by forced variants and
 *     in metrics: 1 to 64 of {@code A-Z a-z 0-9 . _ -}
 * @param uri where requests of this destination go: {@code lb://pool}, {@code http://host:port} or {@code https://...}
 * @param weight the share of keys, relative to the other weights; 0 takes no traffic but can be forced
 * @param model the model name to put in the JSON body's {@code model} field, or {@code null} to leave it
 * @param path a path rewrite for this destination, or {@code null}
 */
public record SplitDestination(String name, URI uri, int weight, @Nullable String model, @Nullable PathRewrite path) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> SCHEMES = Set.of("lb", "http", "https");

    /** @throws InvalidSplitException naming the field relative to the destination ({@code weight: -5 (expected: >= 0)}) */
    public SplitDestination {
        if (!NAME.matcher(name).matches()) {
            throw InvalidSplitException.of("name", Values.quote(name) + " (expected: 1 to 64 of A-Z a-z 0-9 . _ -)");
        }
        if (!SCHEMES.contains(String.valueOf(uri.getScheme())) || uri.getHost() == null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw InvalidSplitException.of("uri", Values.quote(uri.toString())
                    + " (expected: lb://pool, http://host:port or https://host:port, without path or query)");
        }
        if (weight < 0) {
            throw InvalidSplitException.of("weight", weight + " (expected: >= 0)");
        }
        if (model != null && model.isBlank()) {
            throw InvalidSplitException.of("model", Values.quote(model) + " (expected: a model name, not blank)");
        }
    }

    public static SplitDestination of(String name, String uri, int weight) {
        return new SplitDestination(name, URI.create(uri), weight, null, null);
    }

    public SplitDestination withModel(@Nullable String newModel) {
        return new SplitDestination(name, uri, weight, newModel, path);
    }

    public SplitDestination withPath(@Nullable PathRewrite newPath) {
        return new SplitDestination(name, uri, weight, model, newPath);
    }

    public SplitDestination withWeight(int newWeight) {
        return new SplitDestination(name, uri, newWeight, model, path);
    }
}
