package dev.infergate.gateway.admin;

import dev.infergate.gateway.control.ConfigurationProblem;
import dev.infergate.gateway.control.InvalidConfigurationException;
import dev.infergate.gateway.control.LiveConfiguration;
import dev.infergate.gateway.control.LiveConfigurationReader;
import dev.infergate.gateway.control.LiveConfigurationService;
import dev.infergate.gateway.control.LiveConfigurationWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The whole document: dry-run validation, export and import as YAML. */
final class DocumentHandler {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final LiveConfigurationService service;
    private final AdminWrites writes;
    private final AdminRequestBodies bodies;
    private final Map<String, DocumentCollection> collections;
    private final LiveConfigurationReader reader = new LiveConfigurationReader();
    private final LiveConfigurationWriter canonical = new LiveConfigurationWriter();
    private final JsonMapper json = JsonMapper.builder().build();

    DocumentHandler(LiveConfigurationService service, AdminWrites writes, AdminRequestBodies bodies,
            Map<String, DocumentCollection> collections) {
        this.service = service;
        this.writes = writes;
        this.bodies = bodies;
        this.collections = collections;
    }

    /**
     * {@code POST /validate} with {@code {"route": {...}}}, {@code {"pool": {...}}} or
     * {@code {"document": {...}}}: the change is checked against the current document as if it
     * were applied, nothing is stored. Problems point into the request body.
     */
    Mono<ServerResponse> validate(ServerRequest request) {
        return bodies.bytes(request).map(bodies::parse).flatMap(body -> {
            if (!body.isObject() || body.size() != 1) {
                return AdminProblems.badRequest(request, "Send exactly one of {\"route\": ...}, {\"pool\": ...} or {\"document\": ...}.");
            }
            String kind = body.propertyNames().iterator().next();
            JsonNode subject = body.get(kind);
            if (kind.equals("document")) {
                return dryRun(request, subject, "", "/document");
            }
            DocumentCollection collection = collections.get(kind);
            if (collection == null || !subject.isObject()) {
                return AdminProblems.badRequest(request, "Unknown kind " + kind + "; expected route, pool or document.");
            }
            ObjectNode document = service.currentDocument();
            String key = collection.keyOf(subject).orElse("");
            String pointer = collection.pointer(document, key);
            collection.put(document, key, subject);
            return dryRun(request, document, pointer, "/" + kind);
        });
    }

    private Mono<ServerResponse> dryRun(ServerRequest request, JsonNode document, String pointer, String reportedAs) {
        return Mono.fromCallable(() -> {
            try {
                LiveConfiguration compiled = service.dryRun(document);
                ObjectNode body = json.createObjectNode().put("valid", true);
                body.set("compiled", canonical.document(compiled));
                return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
            } catch (InvalidConfigurationException invalid) {
                List<ConfigurationProblem> mine = invalid.problems().stream()
                        .filter(problem -> pointer.isEmpty() || problem.pointer().equals(pointer) || problem.pointer().startsWith(pointer + "/"))
                        .map(problem -> new ConfigurationProblem(reportedAs + problem.pointer().substring(pointer.length()), problem.message()))
                        .toList();
                return AdminProblems.invalid(request, mine.isEmpty() ? invalid.problems() : mine);
            }
        }).subscribeOn(Schedulers.boundedElastic()).flatMap(response -> response);
    }

    Mono<ServerResponse> export(ServerRequest request) {
        return ServerResponse.ok().contentType(YAML).eTag(AdminWrites.documentEtag(service.current()))
                .bodyValue(canonical.yaml(service.currentDocument()));
    }

    /** {@code PUT /import}: the whole document as YAML (or JSON), with If-Match of the document's ETag. */
    Mono<ServerResponse> importDocument(ServerRequest request) {
        String ifMatch = request.headers().firstHeader(HttpHeaders.IF_MATCH);
        if (ifMatch == null) {
            return AdminProblems.preconditionRequired(request);
        }
        return bodies.bytes(request).flatMap(bytes -> {
            JsonNode imported;
            try {
                imported = reader.parse(new String(bytes, StandardCharsets.UTF_8));
            } catch (InvalidConfigurationException unreadable) {
                return AdminProblems.badRequest(request, unreadable.getMessage());
            }
            if (!imported.isObject()) {
                return AdminProblems.badRequest(request, "Import a whole document: a mapping with routes, pools and sections.");
            }
            return writes.write(request, (document, current) -> {
                String etag = AdminWrites.documentEtag(current);
                if (!ifMatch.equals(etag)) {
                    return new AdminWrites.Refuse(AdminProblems.preconditionFailed(request, etag));
                }
                return new AdminWrites.Commit((ObjectNode) imported, "imported",
                        committed -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).eTag(AdminWrites.documentEtag(committed))
                                .header(AdminWrites.VERSION_HEADER, Long.toString(committed.number()))
                                .bodyValue(Map.of("version", committed.number())));
            });
        });
    }
}
