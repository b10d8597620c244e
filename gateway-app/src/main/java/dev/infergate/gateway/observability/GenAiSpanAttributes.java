package dev.infergate.gateway.observability;

import dev.infergate.routing.core.usage.Usage;
import org.springframework.web.server.ServerWebExchange;

/**
 * Puts the OpenTelemetry GenAI semantic-convention attributes of an inference call on the
 * request's span: {@code gen_ai.request.model}, {@code gen_ai.usage.input_tokens},
 * {@code gen_ai.usage.output_tokens}, {@code gen_ai.response.finish_reasons}, beside the route,
 * destination and endpoint. Spans are per request, so unlike meter tags these may carry any model
 * name.
 */
public final class GenAiSpanAttributes implements RequestRecordListener {

    @Override
    public void onRecord(ServerWebExchange exchange, RequestRecord record) {
        if (record.route().equals(RequestRecord.NONE)) {
            return;
        }
        ServerTrace.attribute(exchange, "infergate.route", record.route());
        ServerTrace.attribute(exchange, "infergate.destination", record.destination());
        ServerTrace.attribute(exchange, "infergate.endpoint", record.endpoint());
        Usage usage = record.usage();
        if (usage.model() != null) {
            ServerTrace.attribute(exchange, "gen_ai.request.model", usage.model());
        }
        usage.inputTokens().ifPresent(tokens -> ServerTrace.attribute(exchange, "gen_ai.usage.input_tokens", Long.toString(tokens)));
        usage.outputTokens().ifPresent(tokens -> ServerTrace.attribute(exchange, "gen_ai.usage.output_tokens", Long.toString(tokens)));
        if (!usage.finishReasons().isEmpty()) {
            ServerTrace.attribute(exchange, "gen_ai.response.finish_reasons", String.join(",", usage.finishReasons()));
        }
    }
}
