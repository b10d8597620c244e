package dev.infergate.routing.resilience;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import dev.infergate.routing.balancer.TriedEndpoints;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Sends a hedge: the request again, to an endpoint of the pool picked by the pool's own picker with
 * the request's retry hook ({@link TriedEndpoints}), so never an endpoint already tried, over its
 * own HTTP client, and reads the whole answer.
 *
 * <p>The hedge copies the path and query the first attempt was sent to (so the route's rewrites
 * apply), the client's headers but the hop-by-hop ones and {@code Host}, and the cached body. It
 * is subscribed once; cancelling it closes its connection, which the upstream sees as a client
 * going away. Its pick starts no load lease: the picker's lease belongs to the first attempt.
 */
public final class Hedger {

    private static final Set<String> NOT_COPIED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "te", "trailer", "upgrade", "proxy-connection");

    private final HttpClient client;
    private final ReactiveLoadBalancer.Factory<ServiceInstance> pools;

    public Hedger(HttpClient client, ReactiveLoadBalancer.Factory<ServiceInstance> pools) {
        this.client = client;
        this.pools = pools;
    }

    /** The hedge's answer; empty when the first attempt has not been routed yet or no endpoint is left. */
    Mono<HedgeResponse> send(ServerWebExchange exchange, String pool, byte[] body) {
        URI primary = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (primary == null || "lb".equals(primary.getScheme())) {
            return Mono.empty();
        }
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        attributes.put(TriedEndpoints.ATTRIBUTE, TriedEndpoints.of(exchange));
        DefaultRequest<RequestDataContext> request = new DefaultRequest<>(
                new RequestDataContext(new RequestData(exchange.getRequest(), attributes)));
        return Mono.from(pools.getInstance(pool).choose(request))
                .filter(response -> response.hasServer())
                .flatMap(response -> call(exchange, primary, response.getServer(), body));
    }

    private Mono<HedgeResponse> call(ServerWebExchange exchange, URI primary, ServiceInstance instance, byte[] body) {
        String endpoint = instance.getHost() + ":" + instance.getPort();
        String target = "http://" + endpoint + primary.getRawPath() + (primary.getRawQuery() == null ? "" : "?" + primary.getRawQuery());
        HttpHeaders headers = exchange.getRequest().getHeaders();
        return client.headers(out -> headers.forEach((name, values) -> {
                    if (!NOT_COPIED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        out.add(name, values);
                    }
                }))
                .request(HttpMethod.valueOf(exchange.getRequest().getMethod().name()))
                .uri(target)
                .send(body.length == 0 ? Mono.empty() : Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                .responseSingle((response, content) -> content.asByteArray().defaultIfEmpty(new byte[0])
                        .map(bytes -> new HedgeResponse(endpoint, response.status().code(), response.responseHeaders(), bytes)));
    }
}
