package dev.infergate.sim.server;

import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** Applies the pre-response fault switches (hang, slow first byte, error, throttle) to a request. */
final class FaultInjection {

    private final Faults faults;

    FaultInjection(Faults faults) {
        this.faults = faults;
    }

    /**
     * Answers the request when a fault applies; otherwise delays by the slow-first-byte setting and
     * runs {@code normal}.
     */
    Mono<Void> around(HttpServerResponse response, RequestOutcome outcome, ErrorBody errorBody, Mono<Void> normal) {
        FaultSettings settings = faults.current();
        if (settings.hang()) {
            return Mono.never();
        }
        Mono<Void> answer = switch (faults.draw()) {
            case ERROR -> Mono.defer(() -> {
                outcome.faulted();
                return Replies.json(response, settings.errorStatus(),
                        errorBody.render(settings.errorStatus(), "injected fault: status " + settings.errorStatus()));
            });
            case THROTTLE -> Mono.defer(() -> {
                outcome.faulted();
                response.header("Retry-After", Integer.toString(settings.retryAfterSeconds()));
                return Replies.json(response, settings.throttleStatus(),
                        errorBody.render(settings.throttleStatus(), "injected throttle: server is busy"));
            });
            case NONE -> normal;
        };
        return settings.slowFirstByteMillis() > 0
                ? Mono.delay(Duration.ofMillis(settings.slowFirstByteMillis())).then(answer)
                : answer;
    }

    /** Renders an error body in the protocol's own shape. */
    @FunctionalInterface
    interface ErrorBody {
        String render(int status, String message);
    }
}
