package dev.infergate.routing.predicate;

import dev.infergate.routing.body.BodyRejection;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The asynchronous predicate {@link ModelRoutePredicateFactory} builds. It matches a request whose
 * model is one of the configured names, and also a request whose body is over the cap, so that
 * this route answers it with 413 rather than no route answering it at all.
 */
final class ModelPredicate implements AsyncPredicate<ServerWebExchange> {

    private final ModelMatch match;
    private final long maxBytes;

    ModelPredicate(ModelMatch match, long maxBytes) {
        this.match = match;
        this.maxBytes = maxBytes;
    }

    @Override
    public Publisher<Boolean> apply(ServerWebExchange exchange) {
        if (match.header() != null) {
            return Mono.just(match.matches(RequestModels.fromHeader(exchange.getRequest(), match.header())));
        }
        return RequestModels.whileMatching(exchange, maxBytes)
                .map(model -> match.matches(model) || BodyRejection.recorded(exchange).isPresent());
    }

    @Override
    public Object getConfig() {
        return match;
    }

    @Override
    public String toString() {
        return "Model: " + match.models() + (match.header() == null ? "" : " from header " + match.header());
    }
}
