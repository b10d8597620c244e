package dev.infergate.gateway.admin;

import dev.infergate.gateway.control.ConfigVersion;
import dev.infergate.gateway.control.LiveConfigurationService;
import dev.infergate.gateway.control.LiveConfigurationWriter;
import java.net.URI;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the resources of one {@link DocumentCollection}: list, get with {@code ETag},
 * create, replace, merge-patch, delete. Every write except create needs {@code If-Match} with the
 * resource's ETag (428 without, 412 when stale). A resource's ETag is a hash of its canonical
 * form, so writers of different resources do not conflict.
 */
final class ResourceHandler {

    private final DocumentCollection collection;
    private final LiveConfigurationService service;
    private final AdminWrites writes;
    private final AdminRequestBodies bodies;
    private final Predicate<String> keyAllowed;
    private final LiveConfigurationWriter canonical = new LiveConfigurationWriter();
    private final JsonMapper json = JsonMapper.builder().build();

    ResourceHandler(DocumentCollection collection, LiveConfigurationService service, AdminWrites writes,
            AdminRequestBodies bodies, Predicate<String> keyAllowed) {
        this.collection = collection;
        this.service = service;
        this.writes = writes;
        this.bodies = bodies;
        this.keyAllowed = keyAllowed;
    }

    Mono<ServerResponse> list(ServerRequest request) {
        return Mono.fromSupplier(() -> {
            ObjectNode document = service.currentDocument();
            return json.createArrayNode().addAll(collection.all(document));
        }).flatMap(items -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .header(AdminWrites.VERSION_HEADER, Long.toString(service.current().number())).bodyValue(items));
    }

    Mono<ServerResponse> get(ServerRequest request) {
        String key = request.pathVariable("key");
        if (!keyAllowed.test(key)) {
            return AdminProblems.notFound(request, collection.kind() + " " + key);
        }
        Optional<JsonNode> resource = current(service.currentDocument(), key);
        return resource.map(node -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).eTag(etag(node)).bodyValue(node))
                .orElseGet(() -> AdminProblems.notFound(request, collection.kind() + " " + key));
    }

    Mono<ServerResponse> create(ServerRequest request) {
        return body(request, value -> {
            Optional<String> key = collection.keyOf(value);
            if (key.isEmpty()) {
                return AdminProblems.badRequest(request, "The new " + collection.kind() + " needs its key field.");
            }
            return writes.write(request, (document, version) -> {
                if (collection.get(document, key.get()).isPresent()) {
                    return new AdminWrites.Refuse(AdminProblems.problem(request, 409, "already-exists", "Already exists",
                            collection.kind() + " " + key.get() + " exists already; replace it with PUT and If-Match."));
                }
                String pointer = collection.pointer(document, key.get());
                collection.put(document, key.get(), value);
                return new AdminWrites.Commit(document, "created " + collection.kind() + " " + key.get(),
                        committed -> stored(ServerResponse.created(URI.create(request.path() + "/" + key.get())), committed, key.get()),
                        pointer);
            });
        });
    }

    Mono<ServerResponse> replace(ServerRequest request) {
        return body(request, value -> update(request, (existing) -> value));
    }

    Mono<ServerResponse> patch(ServerRequest request) {
        return body(request, patch -> update(request, existing -> MergePatch.apply(existing, patch)));
    }

    Mono<ServerResponse> delete(ServerRequest request) {
        String key = request.pathVariable("key");
        return conditional(request, key, (document, existing) -> {
            collection.remove(document, key);
            return new AdminWrites.Commit(document, "deleted " + collection.kind() + " " + key,
                    committed -> ServerResponse.noContent().header(AdminWrites.VERSION_HEADER, Long.toString(committed.number())).build());
        });
    }

    private Mono<ServerResponse> update(ServerRequest request, UnaryOperator<JsonNode> change) {
        String key = request.pathVariable("key");
        return conditional(request, key, (document, existing) -> {
            JsonNode next = change.apply(existing);
            Optional<String> declared = collection.keyOf(next);
            if (declared.isPresent() && !declared.get().equals(key)) {
                return new AdminWrites.Refuse(AdminProblems.badRequest(request,
                        "The body names " + declared.get() + " but the path names " + key + "; keys cannot be renamed."));
            }
            String pointer = collection.pointer(document, key);
            collection.put(document, key, next);
            return new AdminWrites.Commit(document, "changed " + collection.kind() + " " + key,
                    committed -> stored(ServerResponse.ok(), committed, key), pointer);
        });
    }

    /** Checks existence and If-Match against the current resource, then lets {@code change} decide. */
    private Mono<ServerResponse> conditional(ServerRequest request, String key,
            BiFunction<ObjectNode, JsonNode, AdminWrites.Decision> change) {
        if (!keyAllowed.test(key)) {
            return AdminProblems.notFound(request, collection.kind() + " " + key);
        }
        String ifMatch = request.headers().firstHeader(HttpHeaders.IF_MATCH);
        if (ifMatch == null) {
            return AdminProblems.preconditionRequired(request);
        }
        return writes.write(request, (document, version) -> {
            Optional<JsonNode> existing = current(document, key);
            if (existing.isEmpty()) {
                return new AdminWrites.Refuse(AdminProblems.notFound(request, collection.kind() + " " + key));
            }
            String etag = etag(existing.get());
            if (!ifMatch.equals(etag) && !ifMatch.equals("*")) {
                return new AdminWrites.Refuse(AdminProblems.preconditionFailed(request, etag));
            }
            return change.apply(document, existing.get());
        });
    }

    /** Answers with the resource as the committed version holds it (canonical form), and its ETag. */
    private Mono<ServerResponse> stored(ServerResponse.BodyBuilder response, ConfigVersion committed, String key) {
        JsonNode resource = current(canonical.document(committed.configuration()), key).orElseThrow();
        return response.eTag(etag(resource)).header(AdminWrites.VERSION_HEADER, Long.toString(committed.number()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(resource);
    }

    /** A registered section that the document does not hold yet reads as an empty object. */
    private Optional<JsonNode> current(ObjectNode document, String key) {
        Optional<JsonNode> found = collection.get(document, key);
        if (found.isEmpty() && collection instanceof DocumentCollection.Sections) {
            return Optional.of(json.createObjectNode());
        }
        return found;
    }

    private Mono<ServerResponse> body(ServerRequest request, Function<JsonNode, Mono<ServerResponse>> then) {
        return bodies.bytes(request).flatMap(bytes -> then.apply(bodies.parse(bytes)));
    }

    String etag(JsonNode resource) {
        return "\"" + canonical.hash(resource).substring(0, 32) + "\"";
    }
}
