package dev.infergate.gateway.admin;

import dev.infergate.gateway.control.ConfigurationProblem;
import dev.infergate.gateway.web.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** The admin API's refusals, as problem+json like every answer the gateway makes itself. */
final class AdminProblems {

    static final MediaType PROBLEM_JSON = MediaType.parseMediaType(Problem.MEDIA_TYPE);

    private AdminProblems() {
    }

    static Mono<ServerResponse> problem(ServerRequest request, int status, String slug, String title, String detail) {
        return ServerResponse.status(status).contentType(PROBLEM_JSON)
                .bodyValue(new Problem(slug, status, title, detail).body(request.path(), request.exchange().getRequest().getId()));
    }

    static Mono<ServerResponse> invalid(ServerRequest request, List<ConfigurationProblem> problems) {
        Map<String, Object> body = new LinkedHashMap<>(new Problem("invalid-configuration", 422, "Invalid configuration",
                problems.size() + " problem(s); nothing was stored").body(request.path(), request.exchange().getRequest().getId()));
        body.put("problems", problems.stream().map(problem -> Map.of("pointer", problem.pointer(), "message", problem.message())).toList());
        return ServerResponse.status(422).contentType(PROBLEM_JSON).bodyValue(body);
    }

    static Mono<ServerResponse> notFound(ServerRequest request, String what) {
        return problem(request, 404, "not-found", "Not found", what + " does not exist.");
    }

    static Mono<ServerResponse> preconditionRequired(ServerRequest request) {
        return problem(request, 428, "precondition-required", "Precondition required",
                "Send If-Match with the ETag of what you read: writes are refused without it so that no change is lost.");
    }

    static Mono<ServerResponse> preconditionFailed(ServerRequest request, String currentEtag) {
        return ServerResponse.status(412).contentType(PROBLEM_JSON).eTag(currentEtag)
                .bodyValue(new Problem("precondition-failed", 412, "Precondition failed",
                        "It changed since you read it: the current ETag is " + currentEtag + ". Read it again and reapply your change.")
                        .body(request.path(), request.exchange().getRequest().getId()));
    }

    static Mono<ServerResponse> badRequest(ServerRequest request, String detail) {
        return problem(request, 400, "bad-request", "Bad request", detail);
    }
}
