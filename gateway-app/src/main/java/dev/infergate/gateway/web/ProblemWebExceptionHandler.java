package dev.infergate.gateway.web;

import dev.infergate.gateway.observability.ServerTrace;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error the gateway answers itself leaves as {@code application/problem+json} with type,
 * title, status, detail, instance and request id. An error after the response has started cannot
 * change it: the connection is closed instead, which the client sees as a broken stream.
 */
public final class ProblemWebExceptionHandler implements ErrorWebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

    private final ProblemClassifier classifier = new ProblemClassifier();
    private final JsonMapper json;

    public ProblemWebExceptionHandler(JsonMapper json) {
        this.json = json;
        // Jackson builds serializers on first use under a lock: done here, not on an event loop.
        json.writeValueAsBytes(new Problem("warm", 500, "warm", "warm").body("/", "warm"));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        Problem problem = classifier.classify(error, exchange);
        if (problem.status() == 500) {
            log.error("Request {} {} failed [{}]", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    exchange.getRequest().getId(), error);
        }
        Map<String, Object> fields = new LinkedHashMap<>(problem.body(exchange.getRequest().getPath().value(), exchange.getRequest().getId()));
        ServerTrace.traceId(exchange).ifPresent(traceId -> fields.put("traceId", traceId));
        byte[] body = json.writeValueAsBytes(fields);
        response.setStatusCode(HttpStatus.valueOf(problem.status()));
        HttpHeaders headers = response.getHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        headers.setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    /** Before Boot's default handler, which would answer in its own error format. */
    @Override
    public int getOrder() {
        return -2;
    }

}
