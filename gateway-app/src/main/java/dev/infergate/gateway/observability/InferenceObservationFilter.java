package dev.infergate.gateway.observability;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import dev.infergate.gateway.web.Problem;
import dev.infergate.gateway.web.ProblemClassifier;
import dev.infergate.gateway.web.ServerPorts;
import dev.infergate.routing.balancer.TriedEndpoints;
import dev.infergate.routing.core.usage.Usage;
import dev.infergate.routing.core.usage.UsageScanner;
import dev.infergate.routing.core.split.SplitDecision;
import dev.infergate.routing.split.StickyKey;
import dev.infergate.routing.split.TrafficSplitFilter;
import dev.infergate.routing.usage.UsageListener;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Observes every request on the public port, matched or not, from arrival to the last byte out:
 * timings, bytes, the gap between stream events, the outcome, and the usage the upstream reported
 * (read as the body passes, never buffered). Each finished request is handed to the
 * {@link RequestRecordListener}s (meters, access log) and its usage to the {@link UsageListener}s.
 *
 * <p>A web filter rather than a gateway filter, so requests that match no route are observed too.
 */
public final class InferenceObservationFilter implements WebFilter, Ordered {

    /** Right after the port separation, before everything else. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private final ServerPorts ports;
    private final List<RequestRecordListener> records;
    private final List<UsageListener> usages;
    private final StreamGaps gaps;
    private final ProblemClassifier classifier = new ProblemClassifier();

    public InferenceObservationFilter(ServerPorts ports, List<RequestRecordListener> records, List<UsageListener> usages,
            StreamGaps gaps) {
        this.ports = ports;
        this.records = List.copyOf(records);
        this.usages = List.copyOf(usages);
        this.gaps = gaps;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        if (local != null && ports.isAdmin(local.getPort())) {
            return chain.filter(exchange);
        }
        ResponseObservation observation = new ResponseObservation(System.nanoTime());
        ServerWebExchange observed = exchange.mutate()
                .request(new ServerHttpRequestDecorator(exchange.getRequest()) {
                    @Override
                    public Flux<DataBuffer> getBody() {
                        return super.getBody().doOnNext(buffer -> observation.onRequestChunk(buffer.readableByteCount()));
                    }
                })
                .response(new ObservedResponse(exchange.getResponse(), exchange, observation))
                .build();
        // Finished on the terminal signal itself, before the server observation around this chain
        // ends, so that span attributes added by listeners still reach the span.
        return chain.filter(observed)
                .doOnSuccess(done -> finish(observed, observation, null, SignalType.ON_COMPLETE))
                .doOnError(error -> finish(observed, observation, classifier.classify(error, exchange), SignalType.ON_ERROR))
                .doOnCancel(() -> finish(observed, observation, null, SignalType.CANCEL));
    }

    private void finish(ServerWebExchange exchange, ResponseObservation observation, @Nullable Problem failure, SignalType signal) {
        long total = System.nanoTime() - observation.startNanos();
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        int code = failure != null ? failure.status() : status == null ? 200 : status.value();
        // A client that closes its connection as soon as it has read the last byte cancels the
        // exchange before the server sees it complete: that request was answered, not cancelled.
        String outcome = signal == SignalType.CANCEL && !answered(exchange, observation) ? "cancelled"
                : failure != null ? failure.slug() : (code / 100) + "xx";
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        URI upstream = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        SplitDecision decision = exchange.getAttribute(TrafficSplitFilter.DECISION_ATTRIBUTE);
        TriedEndpoints tried = exchange.getAttribute(TriedEndpoints.ATTRIBUTE);
        Usage usage = observation.scanner().usage();
        RequestRecord record = new RequestRecord(Instant.now(),
                route == null ? RequestRecord.NONE : route.getId(),
                decision == null ? RequestRecord.NONE : decision.destination(),
                route != null && "lb".equals(route.getUri().getScheme()) ? route.getUri().getHost() : RequestRecord.NONE,
                upstream != null && upstream.getPort() > 0 && route != null ? upstream.getHost() + ":" + upstream.getPort() : RequestRecord.NONE,
                exchange.getRequest().getMethod().name(),
                exchange.getRequest().getPath().value(),
                code, outcome, observation.requestBytes(), observation.bytes(), observation.firstByteNanos(), total,
                tried == null ? 0 : Math.max(0, tried.endpoints().size() - 1),
                tenantHash(exchange.getAttribute(StickyKey.TENANT_ATTRIBUTE)), ServerTrace.traceId(exchange).orElse(null), usage);
        records.forEach(listener -> listener.onRecord(exchange, record));
        if (route != null) {
            usages.forEach(listener -> listener.onUsage(exchange, usage));
        }
    }

    /** Whether the whole response body went to the connection: its publisher completed, or every declared byte passed. */
    private static boolean answered(ServerWebExchange exchange, ResponseObservation observation) {
        long declared = exchange.getResponse().getHeaders().getContentLength();
        return observation.bodyCompleted() || (declared >= 0 && observation.bytes() >= declared);
    }

    private static @Nullable String tenantHash(@Nullable Object tenant) {
        if (tenant == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(tenant.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** Passes every chunk through unchanged, noting it on the way. */
    private final class ObservedResponse extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;
        private final ResponseObservation observation;

        ObservedResponse(ServerHttpResponse delegate, ServerWebExchange exchange, ResponseObservation observation) {
            super(delegate);
            this.exchange = exchange;
            this.observation = observation;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            begin();
            return super.writeWith(Flux.from(body).doOnNext(buffer -> observation.onChunk(buffer, System.nanoTime()))
                    .doOnComplete(observation::onBodyCompleted));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            begin();
            return super.writeAndFlushWith(Flux.from(body)
                    .map(part -> Flux.from(part).doOnNext(buffer -> observation.onChunk(buffer, System.nanoTime())))
                    .doOnComplete(observation::onBodyCompleted));
        }

        private void begin() {
            MediaType type = getHeaders().getContentType();
            String contentType = type == null ? "" : type.toString();
            boolean stream = type != null && MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type);
            Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
            LongConsumer gapRecorder = stream && route != null ? gaps.recorder(route.getId()) : null;
            observation.begin(UsageScanner.forContentType(contentType), gapRecorder);
        }
    }
}
