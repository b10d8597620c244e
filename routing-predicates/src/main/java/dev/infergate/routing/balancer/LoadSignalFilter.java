package dev.infergate.routing.balancer;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import dev.infergate.routing.core.balance.LoadParseResult;
import dev.infergate.routing.core.balance.LoadSignals;
import dev.infergate.routing.core.balance.Lease;
import dev.infergate.routing.core.balance.OrcaLoadNames;
import dev.infergate.routing.core.balance.OrcaLoadParser;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Feeds the local load signals of the endpoint each {@code lb://} request goes to, and the load
 * reports its responses carry.
 *
 * <p>For every request on an {@code lb://} route: asks the upstream for an ORCA load report
 * ({@value #LOAD_REPORT_FORMAT_HEADER}{@code : TEXT}); puts the holder in the exchange in which
 * {@link EndpointPicker} starts a lease when it picks; marks the first byte of a successful
 * response body ({@link Lease#firstByte()}); reads the {@value #LOAD_REPORT_HEADER} response header
 * when present; and completes the lease when the response ends: {@code SUCCESS}, or
 * {@code FAILURE} for a 5xx or 429 status or an error, or {@code IGNORED} when the client went away
 * or the request was refused for its own fault (a 4xx error such as a body over the cap).
 *
 * <p>Ordered just before Spring Cloud Gateway's {@code NettyWriteResponseFilter}, which writes the
 * upstream body to the response it is given: the response decorator must be in place for it to
 * call. The body is observed as it passes ({@code doOnNext}), never buffered, so streams stay
 * streams. Spring Cloud LoadBalancer's {@code LoadBalancerLifecycle} is not used because the
 * gateway completes it when the upstream's headers arrive, long before a stream ends.
 *
 * <p>A report that cannot be parsed is ignored (logged at debug): the endpoint keeps its other
 * signals.
 */
public final class LoadSignalFilter implements GlobalFilter, Ordered {

    public static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    /** The ORCA load report response header. */
    public static final String LOAD_REPORT_HEADER = "endpoint-load-metrics";
    /** The request header that asks an upstream for a load report, as Envoy sends it. */
    public static final String LOAD_REPORT_FORMAT_HEADER = "endpoint-load-metrics-format";

    private static final Logger log = LoggerFactory.getLogger(LoadSignalFilter.class);

    private final LoadSignals signals;
    private final OrcaLoadParser reports;

    public LoadSignalFilter(LoadSignals signals, OrcaLoadParser reports) {
        this.signals = signals;
        this.reports = reports;
    }

    /** Reads load reports with {@link OrcaLoadNames#defaults()}. */
    public LoadSignalFilter(LoadSignals signals) {
        this(signals, new OrcaLoadParser(OrcaLoadNames.defaults()));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /**
     * Ends the current attempt's lease as a {@code FAILURE} because another attempt replaced it
     * (a hedge answered first): the response written next is not that endpoint's, and a slow
     * endpoint must not be measured by the hedge's speed. Nothing happens without a lease.
     */
    public static void attemptReplaced(ServerWebExchange exchange) {
        AttemptLeases.in(exchange.getAttributes()).ifPresent(leases -> leases.finish(Lease.Outcome.FAILURE));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (route == null || !"lb".equals(route.getUri().getScheme())) {
            return chain.filter(exchange);
        }
        AttemptLeases leases = new AttemptLeases();
        exchange.getAttributes().put(AttemptLeases.ATTRIBUTE, leases);
        ObservedResponse response = new ObservedResponse(exchange.getResponse(), leases);
        ServerHttpRequest request = exchange.getRequest().mutate().header(LOAD_REPORT_FORMAT_HEADER, "TEXT").build();
        return chain.filter(exchange.mutate().request(request).response(response).build())
                .doOnSuccess(done -> response.finish(failed(response.getStatusCode()) ? Lease.Outcome.FAILURE : Lease.Outcome.SUCCESS))
                .doOnError(error -> response.finish(outcome(error)))
                .doOnCancel(() -> response.finish(Lease.Outcome.IGNORED));
    }

    private static boolean failed(@Nullable HttpStatusCode status) {
        return status != null && (status.is5xxServerError() || status.value() == HttpStatus.TOO_MANY_REQUESTS.value());
    }

    private static Lease.Outcome outcome(Throwable error) {
        return error instanceof ResponseStatusException refused && refused.getStatusCode().is4xxClientError()
                && refused.getStatusCode().value() != HttpStatus.TOO_MANY_REQUESTS.value()
                ? Lease.Outcome.IGNORED
                : Lease.Outcome.FAILURE;
    }

    /** The response as the upstream's body passes through it. */
    private final class ObservedResponse extends ServerHttpResponseDecorator {

        private final AttemptLeases leases;
        private final AtomicBoolean reportRead = new AtomicBoolean();
        private final AtomicBoolean firstByteSeen = new AtomicBoolean();

        ObservedResponse(ServerHttpResponse delegate, AttemptLeases leases) {
            super(delegate);
            this.leases = leases;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            readReport();
            return super.writeWith(Flux.from(body).doOnNext(buffer -> firstByte()));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            readReport();
            return super.writeAndFlushWith(Flux.from(body).map(chunk -> Flux.from(chunk).doOnNext(buffer -> firstByte())));
        }

        void finish(Lease.Outcome outcome) {
            readReport();
            leases.finish(outcome);
        }

        private void firstByte() {
            if (firstByteSeen.compareAndSet(false, true) && !failed(getStatusCode())) {
                leases.current().ifPresent(Lease::firstByte);
            }
        }

        /** Once, as soon as the upstream's headers are in the response. */
        private void readReport() {
            String header = getHeaders().getFirst(LOAD_REPORT_HEADER);
            if (header == null || !reportRead.compareAndSet(false, true)) {
                return;
            }
            leases.current().ifPresent(lease -> {
                LoadParseResult result = reports.parse(header);
                if (result instanceof LoadParseResult.Parsed parsed) {
                    signals.recordReport(lease.endpoint(), parsed.load());
                } else if (log.isDebugEnabled()) {
                    log.debug("Ignored the load report of {}: {}", lease.endpoint(), ((LoadParseResult.Unusable) result).reason());
                }
            });
        }
    }
}
