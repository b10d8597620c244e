package dev.infergate.routing.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

final class RequestBodyLimitFilterTest {

    private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(new BodyLimits(DataSize.ofMegabytes(1)));
    private final AtomicBoolean forwarded = new AtomicBoolean();

    @Test
    void aRejectionRecordedWhileMatchingIsAnsweredOnceTheRouteIsChosen() {
        MockServerWebExchange exchange = exchange(Route.async().id("r").uri("lb://demo").predicate(e -> true).build());
        BodyRejection.record(exchange, new RequestBodyTooLargeException(1024));

        StepVerifier.create(filter.filter(exchange, e -> Mono.fromRunnable(() -> forwarded.set(true))))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(RequestBodyTooLargeException.class)
                        .hasMessageContaining("exceeds the limit of 1024 bytes"))
                .verify();
        assertThat(forwarded).isFalse();
    }

    @Test
    void aBodyCachedWhileMatchingIsHeldToTheChosenRoutesSmallerCap() {
        Route small = Route.async().id("small").uri("lb://demo").predicate(e -> true)
                .metadata(BodyLimits.METADATA_KEY, "8B").build();
        MockServerWebExchange exchange = exchange(small);
        exchange.getAttributes().put(CACHED_REQUEST_BODY_ATTR,
                DefaultDataBufferFactory.sharedInstance.wrap("{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8)));

        StepVerifier.create(filter.filter(exchange, e -> Mono.fromRunnable(() -> forwarded.set(true))))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("exceeds the limit of 8 bytes"))
                .verify();
        assertThat(forwarded).isFalse();
    }

    @Test
    void aCachedBodyWithinTheCapIsForwarded() {
        MockServerWebExchange exchange = exchange(Route.async().id("r").uri("lb://demo").predicate(e -> true).build());
        exchange.getAttributes().put(CACHED_REQUEST_BODY_ATTR, DefaultDataBufferFactory.sharedInstance.wrap(new byte[] {'{', '}'}));

        StepVerifier.create(filter.filter(exchange, e -> Mono.fromRunnable(() -> forwarded.set(true)))).verifyComplete();
        assertThat(forwarded).isTrue();
    }

    private static MockServerWebExchange exchange(Route route) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/completions"));
        exchange.getAttributes().put(GATEWAY_ROUTE_ATTR, route);
        return exchange;
    }
}
