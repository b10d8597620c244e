package dev.infergate.gateway.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.DigestUtils;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The web console's files (module {@code admin-ui}, under {@code infergate-console/}) and the
 * WebJars it imports, read from the classpath once at start and served from memory under
 * {@code /admin/console/} and {@code /admin/lib/NAME/} (WebJar paths without their version, so the
 * console's import map does not change with a library upgrade). Reading them per request would
 * read jar files on an event loop; together they are a few hundred kilobytes.
 */
final class ConsoleAssets {

    static final String CONSOLE_PREFIX = "console/";
    static final String LIBRARY_PREFIX = "lib/";
    static final String INDEX = CONSOLE_PREFIX + "index.html";
    private static final String CONSOLE_LOCATION = "infergate-console/";
    private static final String WEBJARS_LOCATION = "META-INF/resources/webjars/";
    /** The libraries the console imports; their development and Node builds are left out. */
    private static final List<String> LIBRARIES = List.of("lit", "lit-html", "lit-element", "lit__reactive-element", "uplot");
    private static final Map<String, MediaType> TYPES = Map.of(
            "js", MediaType.parseMediaType("text/javascript;charset=UTF-8"),
            "css", MediaType.parseMediaType("text/css;charset=UTF-8"),
            "html", MediaType.parseMediaType("text/html;charset=UTF-8"),
            "svg", MediaType.parseMediaType("image/svg+xml"));

    record Asset(byte[] content, MediaType type, String etag) {
    }

    private final Map<String, Asset> assets;

    private ConsoleAssets(Map<String, Asset> assets) {
        this.assets = Map.copyOf(assets);
    }

    static ConsoleAssets load(ResourcePatternResolver resolver) {
        Map<String, Asset> assets = new HashMap<>();
        try {
            for (Resource resource : resolver.getResources("classpath*:" + CONSOLE_LOCATION + "**/*.*")) {
                String url = resource.getURL().toString();
                add(assets, CONSOLE_PREFIX + url.substring(url.lastIndexOf(CONSOLE_LOCATION) + CONSOLE_LOCATION.length()), resource);
            }
            for (String library : LIBRARIES) {
                String root = WEBJARS_LOCATION + library + "/";
                for (Resource resource : resolver.getResources("classpath*:" + root + "*/**/*.*")) {
                    String url = resource.getURL().toString();
                    String versioned = url.substring(url.lastIndexOf(root) + root.length());
                    String path = versioned.substring(versioned.indexOf('/') + 1);
                    if (!path.startsWith("development/") && !path.startsWith("node/")) {
                        add(assets, LIBRARY_PREFIX + library + "/" + path, resource);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's files", e);
        }
        if (!assets.containsKey(INDEX)) {
            throw new IllegalStateException("the console (module admin-ui) is not on the classpath: no " + CONSOLE_LOCATION + "index.html");
        }
        return new ConsoleAssets(assets);
    }

    private static void add(Map<String, Asset> assets, String path, Resource resource) throws IOException {
        String extension = path.substring(path.lastIndexOf('.') + 1);
        MediaType type = TYPES.get(extension);
        if (type == null) {
            return;
        }
        try (InputStream in = resource.getInputStream()) {
            byte[] content = in.readAllBytes();
            assets.put(path, new Asset(content, type, "\"" + DigestUtils.md5DigestAsHex(content) + "\""));
        }
    }

    Optional<Asset> find(String path) {
        return Optional.ofNullable(assets.get(path));
    }

    /** Serves the asset named by the request path below {@code /admin/}, with its ETag (304 when it matches). */
    Mono<ServerResponse> serve(ServerRequest request, String path) {
        Optional<Asset> found = find(path);
        if (found.isEmpty()) {
            return AdminProblems.notFound(request, "console file " + path);
        }
        Asset asset = found.get();
        if (asset.etag().equals(request.headers().firstHeader(HttpHeaders.IF_NONE_MATCH))) {
            return ServerResponse.status(304).eTag(asset.etag()).build();
        }
        return ServerResponse.ok().contentType(asset.type()).eTag(asset.etag()).cacheControl(CacheControl.noCache())
                .bodyValue(asset.content());
    }
}
