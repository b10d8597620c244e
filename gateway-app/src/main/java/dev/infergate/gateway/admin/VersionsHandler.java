package dev.infergate.gateway.admin;

import dev.infergate.gateway.control.ConfigVersion;
import dev.infergate.gateway.control.LiveConfigurationService;
import dev.infergate.gateway.control.LiveConfigurationWriter;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** History: the versions kept, one version's document, the diff of two, and rollback. */
final class VersionsHandler {

    private final LiveConfigurationService service;
    private final AdminWrites writes;
    private final LiveConfigurationWriter canonical = new LiveConfigurationWriter();
    private final JsonMapper json = JsonMapper.builder().build();
    private final JsonDiff diff = new JsonDiff(json);

    VersionsHandler(LiveConfigurationService service, AdminWrites writes) {
        this.service = service;
        this.writes = writes;
    }

    Mono<ServerResponse> list(ServerRequest request) {
        ArrayNode versions = json.createArrayNode();
        service.store().history().forEach(version -> versions.add(summary(version)));
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).eTag(AdminWrites.documentEtag(service.current()))
                .bodyValue(versions);
    }

    Mono<ServerResponse> get(ServerRequest request) {
        return version(request, "v").map(version -> {
            ObjectNode body = summary(version);
            body.set("document", canonical.document(version.configuration()));
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        }).orElseGet(() -> AdminProblems.notFound(request, "version " + request.pathVariable("v")));
    }

    Mono<ServerResponse> diff(ServerRequest request) {
        Optional<ConfigVersion> from = version(request, "a");
        Optional<ConfigVersion> to = version(request, "b");
        if (from.isEmpty() || to.isEmpty()) {
            return AdminProblems.notFound(request, "version " + (from.isEmpty() ? request.pathVariable("a") : request.pathVariable("b")));
        }
        ObjectNode body = json.createObjectNode().put("from", from.get().number()).put("to", to.get().number());
        body.set("changes", diff.diff(canonical.document(from.get().configuration()), canonical.document(to.get().configuration())));
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    Mono<ServerResponse> rollback(ServerRequest request) {
        Optional<ConfigVersion> target = version(request, "v");
        if (target.isEmpty()) {
            return AdminProblems.notFound(request, "version " + request.pathVariable("v"));
        }
        String ifMatch = request.headers().firstHeader(HttpHeaders.IF_MATCH);
        if (ifMatch == null) {
            return AdminProblems.preconditionRequired(request);
        }
        return writes.write(request, (document, current) -> {
            String etag = AdminWrites.documentEtag(current);
            if (!ifMatch.equals(etag)) {
                return new AdminWrites.Refuse(AdminProblems.preconditionFailed(request, etag));
            }
            return new AdminWrites.Commit(canonical.document(target.get().configuration()),
                    "rollback to version " + target.get().number(),
                    committed -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).eTag(AdminWrites.documentEtag(committed))
                            .header(AdminWrites.VERSION_HEADER, Long.toString(committed.number())).bodyValue(summary(committed)));
        });
    }

    private Optional<ConfigVersion> version(ServerRequest request, String variable) {
        try {
            return service.store().version(Long.parseLong(request.pathVariable(variable)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private ObjectNode summary(ConfigVersion version) {
        return json.createObjectNode()
                .put("version", version.number())
                .put("author", version.author())
                .put("time", version.time().toString())
                .put("comment", version.comment())
                .put("contentHash", version.contentHash());
    }
}
