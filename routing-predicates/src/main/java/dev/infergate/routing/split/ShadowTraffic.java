package dev.infergate.routing.split;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The shadow requests of one route: a bounded number in flight, each sent on its own and never
 * joined to the primary request.
 *
 * <p>A copy keeps the method, path, query and end-to-end headers of the request, adds
 * {@value #SHADOW_HEADER}{@code : true}, and carries its own copy of the cached body (see
 * {@link #copy}). The response body is read and discarded. Every copy ends, at the latest after
 * the spec's timeout, with its slot freed and its outcome and latency recorded. When copies start
 * failing (timeouts, no endpoint, connection errors, 5xx) that is logged at WARN once, until one
 * succeeds again.
 */
final class ShadowTraffic {

    private static final Logger log = LoggerFactory.getLogger(ShadowTraffic.class);

    /** Tells the shadow upstream that this request is a copy whose answer nobody reads. */
    static final String SHADOW_HEADER = "X-Infergate-Shadow";

    private static final Set<String> NOT_COPIED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length");

    private final MirrorSpec spec;
    private final HttpClient client;
    private final Function<URI, Mono<URI>> resolver;
    private final MirrorMeters meters;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();

    ShadowTraffic(MirrorSpec spec, HttpClient client, Function<URI, Mono<URI>> resolver, MirrorMeters meters) {
        this.spec = spec;
        this.client = client;
        this.resolver = resolver;
        this.meters = meters;
    }

    boolean hasRoom() {
        return inFlight.get() < spec.maxInFlight();
    }

    int inFlight() {
        return inFlight.get();
    }

    MirrorMeters meters() {
        return meters;
    }

    /** Sends a copy if a slot is free, else counts it as dropped. Returns at once. */
    void offer(ServerHttpRequest request, @Nullable DataBuffer cachedBody) {
        int current;
        do {
            current = inFlight.get();
            if (current >= spec.maxInFlight()) {
                meters.dropped("in-flight");
                return;
            }
        } while (!inFlight.compareAndSet(current, current + 1));
        send(request, cachedBody);
    }

    private void send(ServerHttpRequest request, @Nullable DataBuffer cachedBody) {
        ByteBuf body = cachedBody == null ? null : copy(cachedBody);
        HttpMethod method = HttpMethod.valueOf(request.getMethod().name());
        URI requested = request.getURI();
        HttpHeaders headers = request.getHeaders();
        boolean declaredLength = headers.getContentLength() >= 0;
        long start = System.nanoTime();
        Mono.defer(() -> resolver.apply(spec.uri()))
                .switchIfEmpty(Mono.error(() -> new ShadowUnresolvedException(spec.uri())))
                .onErrorMap(error -> !(error instanceof ShadowUnresolvedException),
                        error -> new ShadowUnresolvedException(spec.uri(), error))
                .flatMap(base -> client.request(method)
                        .uri(target(base, requested))
                        .send((shadow, out) -> {
                            headers.forEach((name, values) -> {
                                if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
                                    values.forEach(value -> shadow.addHeader(name, value));
                                }
                            });
                            shadow.header(SHADOW_HEADER, "true");
                            if (body != null) {
                                shadow.header(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.readableBytes()));
                                return out.send(Mono.fromSupplier(body::retainedDuplicate));
                            }
                            if (declaredLength) {
                                shadow.header(HttpHeaders.CONTENT_LENGTH, "0");
                            }
                            return out;
                        })
                        .response((response, content) -> content.then(Mono.just(response.status().code())))
                        .next())
                .timeout(spec.timeout())
                .map(ShadowOutcome::of)
                .onErrorResume(error -> Mono.just(ShadowOutcome.of(error)))
                .defaultIfEmpty(ShadowOutcome.NO_RESPONSE)
                .doFinally(signal -> {
                    if (body != null) {
                        body.release();
                    }
                    inFlight.decrementAndGet();
                })
                .subscribe(outcome -> {
                    meters.completed(outcome, System.nanoTime() - start);
                    logEpisode(outcome);
                });
    }

    /** One WARN when copies start failing and one INFO when they succeed again; the counts are in the metrics. */
    private void logEpisode(ShadowOutcome outcome) {
        boolean failed = !outcome.outcome().equals("success") && !outcome.outcome().equals("client-error");
        if (failed && failing.compareAndSet(false, true)) {
            log.warn("Shadow copies of route {} to {} fail ({}, status {}); the primary traffic is not affected",
                    spec.routeId(), spec.uri(), outcome.outcome(), outcome.status());
        } else if (!failed && failing.compareAndSet(true, false)) {
            log.info("Shadow copies of route {} to {} succeed again", spec.routeId(), spec.uri());
        }
    }

    /**
     * The shadow's own copy of the body. A view would not do: when the exchange ends, the gateway
     * releases the cached body down to nothing, whoever retained it, and a slow shadow may not
     * have sent it yet. Copies are bounded by {@code maxInFlight} times the cache cap.
     */
    private static ByteBuf copy(DataBuffer cachedBody) {
        ByteBuf copy = ByteBufAllocator.DEFAULT.buffer(cachedBody.readableByteCount());
        try (DataBuffer.ByteBufferIterator chunks = cachedBody.readableByteBuffers()) {
            chunks.forEachRemaining(copy::writeBytes);
        }
        return copy;
    }

    private static URI target(URI base, URI requested) {
        return UriComponentsBuilder.fromUri(base)
                .replacePath(requested.getRawPath())
                .replaceQuery(requested.getRawQuery())
                .build(true)
                .toUri();
    }
}
