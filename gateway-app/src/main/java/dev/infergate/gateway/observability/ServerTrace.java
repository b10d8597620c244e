package dev.infergate.gateway.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.Optional;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace of a request on the public port: WebFlux's server observation, whose span the tracing
 * bridge created. Its id goes into access log lines and problem bodies; GenAI attributes are added
 * to it before it ends.
 */
public final class ServerTrace {

    private ServerTrace() {
    }

    /** The W3C trace id (32 hex digits) of the request, when it is traced. */
    public static Optional<String> traceId(ServerWebExchange exchange) {
        return span(exchange).map(span -> span.context().traceId());
    }

    /** Adds an attribute to the request's span (a high-cardinality key value of its observation). */
    static void attribute(ServerWebExchange exchange, String key, String value) {
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .ifPresent(context -> context.addHighCardinalityKeyValue(KeyValue.of(key, value)));
    }

    private static Optional<Span> span(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> (TracingObservationHandler.TracingContext) context.get(TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan);
    }
}
