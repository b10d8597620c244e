package dev.infergate.routing.body;

import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;

/**
 * A body rejection found while routes were being matched, kept until a route is chosen.
 *
 * <p>Spring Cloud Gateway turns an error of a route predicate into "no match" (and logs it), so a
 * predicate that reads the body cannot answer 413 itself. It records the rejection here and
 * matches; {@link RequestBodyLimitFilter}, the first filter of every route, answers it.
 */
public final class BodyRejection {

    /** Exchange attribute holding the {@link RequestBodyTooLargeException} to answer. */
    public static final String ATTRIBUTE = "infergate.body.rejection";

    private BodyRejection() {
    }

    public static void record(ServerWebExchange exchange, RequestBodyTooLargeException rejection) {
        exchange.getAttributes().putIfAbsent(ATTRIBUTE, rejection);
    }

    public static Optional<RequestBodyTooLargeException> recorded(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }
}
