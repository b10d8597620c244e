package dev.infergate.gateway.admin;

import dev.infergate.gateway.control.ConfigVersion;
import dev.infergate.gateway.control.ConfigurationProblem;
import dev.infergate.gateway.control.InvalidConfigurationException;
import dev.infergate.gateway.control.LiveConfigurationService;
import dev.infergate.gateway.control.StaleVersionException;
import java.security.Principal;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one write of the admin API: reads the current document, lets the change decide (refuse,
 * or produce the next document), commits it through the one writer path off the event loop, and
 * retries when another writer committed in between (the change re-checks its precondition
 * against the newer document, so a conflicting concurrent change still gets 412).
 */
final class AdminWrites {

    static final String COMMENT_HEADER = "Infergate-Comment";
    static final String VERSION_HEADER = "Infergate-Version";
    private static final int ATTEMPTS = 5;

    private final LiveConfigurationService service;

    AdminWrites(LiveConfigurationService service) {
        this.service = service;
    }

    /** What a change decided, given the current document. */
    sealed interface Decision permits Refuse, Commit {
    }

    /** Answer without writing. */
    record Refuse(Mono<ServerResponse> response) implements Decision {
    }

    /**
     * Commit {@code next}, then answer with {@code response} of the new version. Problems found
     * inside {@code resourcePointer} are reported relative to the resource that was written.
     */
    record Commit(ObjectNode next, String comment, Function<ConfigVersion, Mono<ServerResponse>> response,
            String resourcePointer) implements Decision {

        Commit(ObjectNode next, String comment, Function<ConfigVersion, Mono<ServerResponse>> response) {
            this(next, comment, response, "");
        }
    }

    Mono<ServerResponse> write(ServerRequest request, BiFunction<ObjectNode, ConfigVersion, Decision> change) {
        String comment = request.headers().firstHeader(COMMENT_HEADER);
        return request.principal().map(Principal::getName).defaultIfEmpty("anonymous")
                .flatMap(author -> Mono.fromCallable(() -> attempt(request, change, author, comment))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(Function.identity()));
    }

    private Mono<ServerResponse> attempt(ServerRequest request, BiFunction<ObjectNode, ConfigVersion, Decision> change,
            String author, String requestComment) {
        for (int attempt = 1; ; attempt++) {
            ConfigVersion current = service.current();
            Decision decision = change.apply(service.currentDocument(), current);
            if (decision instanceof Refuse refuse) {
                return refuse.response();
            }
            Commit commit = (Commit) decision;
            String comment = requestComment != null ? truncate(requestComment) : commit.comment();
            try {
                ConfigVersion version = service.commit(current.number(), commit.next(), author, comment);
                return commit.response().apply(version);
            } catch (InvalidConfigurationException invalid) {
                return AdminProblems.invalid(request, relative(invalid.problems(), commit.resourcePointer()));
            } catch (StaleVersionException stale) {
                if (attempt == ATTEMPTS) {
                    return AdminProblems.problem(request, 409, "conflict", "Conflict",
                            "The configuration kept changing while this write was applied; try again.");
                }
            }
        }
    }

    private static List<ConfigurationProblem> relative(List<ConfigurationProblem> problems, String prefix) {
        if (prefix.isEmpty()) {
            return problems;
        }
        return problems.stream()
                .map(problem -> problem.pointer().equals(prefix) || problem.pointer().startsWith(prefix + "/")
                        ? new ConfigurationProblem(problem.pointer().substring(prefix.length()), problem.message())
                        : problem)
                .toList();
    }

    private static String truncate(String comment) {
        return comment.length() <= 200 ? comment : comment.substring(0, 200);
    }

    /** The strong ETag of the whole document: its version number. */
    static String documentEtag(ConfigVersion version) {
        return "\"v" + version.number() + "\"";
    }
}
