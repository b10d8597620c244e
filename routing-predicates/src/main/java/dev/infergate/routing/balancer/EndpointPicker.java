package dev.infergate.routing.balancer;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR;

import dev.infergate.routing.core.balance.BalancingStrategy;
import dev.infergate.routing.core.balance.Candidate;
import dev.infergate.routing.core.balance.EndpointHealth;
import dev.infergate.routing.core.balance.EndpointSelection;
import dev.infergate.routing.core.balance.LoadSignals;
import dev.infergate.routing.core.balance.Pick;
import dev.infergate.routing.core.balance.PickHints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.SelectedInstanceCallback;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud LoadBalancer's balancer for one pool ({@code lb://pool}): picks an endpoint with
 * the pool's current {@link BalancingStrategy} from the load signals, leaving out ejected
 * endpoints ({@link EndpointHealth}) and endpoints already tried for this request
 * ({@link TriedEndpoints}).
 *
 * <p>Per pick: the instances come from the pool's {@link ServiceInstanceListSupplier}; each becomes a
 * {@link Candidate} identified by {@code host:port}, with its zone from instance metadata
 * {@value #ZONE_METADATA} (default {@code local}) and its capacity from {@value #CAPACITY_METADATA}
 * (a positive integer; otherwise the strategy's {@code default-capacity}). The strategy is read from
 * its {@code Supplier} on every pick, so the live configuration switches it without a restart.
 * Strategies that read the prompt get a key from the request's cached body
 * ({@link PromptPrefix}); without a cached body they score instead.
 *
 * <p>The exchange attributes arrive through Spring Cloud Gateway's
 * {@code ReactiveLoadBalancerClientFilter}, which passes {@code new RequestData(request,
 * exchange.getAttributes())} (the live map) in a {@link RequestDataContext}. After a pick the
 * endpoint is added to {@link TriedEndpoints}, the {@link Pick} is stored under {@value #PICK_ATTRIBUTE}
 * (so an error page can say why no endpoint was available), and, when {@link LoadSignalFilter} runs,
 * a lease starts for the endpoint. When nothing is eligible the response is empty and the gateway
 * answers 503.
 */
public final class EndpointPicker implements ReactorServiceInstanceLoadBalancer {

    /** Instance metadata naming the endpoint's zone. */
    public static final String ZONE_METADATA = "zone";
    /** Instance metadata giving how many requests the endpoint serves at once. */
    public static final String CAPACITY_METADATA = "capacity";
    /** Exchange attribute with the last {@link Pick} for the request. */
    public static final String PICK_ATTRIBUTE = "dev.infergate.routing.balancer.EndpointPicker.pick";

    private static final Logger log = LoggerFactory.getLogger(EndpointPicker.class);

    private final String pool;
    private final ServiceInstanceListSupplier instances;
    private final Supplier<BalancingStrategy> strategy;
    private final LoadSignals signals;
    private final EndpointHealth health;

    /**
     * @param pool the pool's name (the {@code lb://} host), for logs
     * @param instances the pool's endpoints
     * @param strategy the pool's current strategy; called on every pick
     * @param signals the gateway's load signals (one for all pools)
     * @param health the gateway's view of ejected endpoints (one for all pools)
     */
    public EndpointPicker(String pool, ServiceInstanceListSupplier instances, Supplier<BalancingStrategy> strategy,
            LoadSignals signals, EndpointHealth health) {
        this.pool = pool;
        this.instances = instances;
        this.strategy = strategy;
        this.signals = signals;
        this.health = health;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Mono<Response<ServiceInstance>> choose(Request request) {
        Map<String, Object> attributes = attributes(request);
        return instances.get(request).next()
                .map(list -> pick(list, attributes))
                .defaultIfEmpty(new EmptyResponse());
    }

    private Response<ServiceInstance> pick(List<ServiceInstance> list, Map<String, Object> attributes) {
        BalancingStrategy current = strategy.get();
        Map<String, ServiceInstance> byEndpoint = new LinkedHashMap<>();
        List<Candidate> candidates = new ArrayList<>(list.size());
        for (ServiceInstance instance : list) {
            String endpoint = instance.getHost() + ":" + instance.getPort();
            if (byEndpoint.putIfAbsent(endpoint, instance) == null) {
                candidates.add(new Candidate(endpoint, zone(instance), capacity(instance), signals.snapshot(endpoint)));
            }
        }
        TriedEndpoints tried = TriedEndpoints.in(attributes);
        Pick pick = EndpointSelection.select(current, candidates, tried.snapshot(), health, hints(current, attributes));
        attributes.put(PICK_ATTRIBUTE, pick);
        if (pick instanceof Pick.Picked picked) {
            String endpoint = picked.choice().endpoint().endpoint();
            tried.add(endpoint);
            AttemptLeases.in(attributes).ifPresent(leases -> leases.begin(signals.start(endpoint)));
            ServiceInstance instance = byEndpoint.get(endpoint);
            if (instances instanceof SelectedInstanceCallback callback) {
                callback.selectedServiceInstance(instance);
            }
            return new DefaultResponse(instance);
        }
        Pick.Unavailable unavailable = (Pick.Unavailable) pick;
        log.debug("No endpoint of pool {} for the request: {}", pool, unavailable.message());
        return new EmptyResponse();
    }

    private static PickHints hints(BalancingStrategy strategy, Map<String, Object> attributes) {
        OptionalInt prefixLength = strategy.promptPrefixLength();
        if (prefixLength.isPresent() && attributes.get(CACHED_REQUEST_BODY_ATTR) instanceof DataBuffer body) {
            return new PickHints(PromptPrefix.of(body, prefixLength.getAsInt()));
        }
        return PickHints.none();
    }

    /** The exchange's attributes when the gateway passed them; a throwaway map otherwise (a plain {@code choose()}). */
    @SuppressWarnings("rawtypes")
    private static Map<String, Object> attributes(Request request) {
        if (request.getContext() instanceof RequestDataContext context) {
            RequestData data = context.getClientRequest();
            if (data != null && data.getAttributes() != null) {
                return data.getAttributes();
            }
        }
        return new ConcurrentHashMap<>();
    }

    private static String zone(ServiceInstance instance) {
        String zone = metadata(instance, ZONE_METADATA);
        return zone == null || zone.isBlank() ? Candidate.DEFAULT_ZONE : zone;
    }

    /** The metadata's capacity; none when it is absent or not a positive integer. */
    private static OptionalInt capacity(ServiceInstance instance) {
        String capacity = metadata(instance, CAPACITY_METADATA);
        if (capacity == null) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(capacity.strip());
            return value > 0 ? OptionalInt.of(value) : OptionalInt.empty();
        } catch (NumberFormatException notANumber) {
            return OptionalInt.empty();
        }
    }

    private static @Nullable String metadata(ServiceInstance instance, String key) {
        Map<String, String> metadata = instance.getMetadata();
        return metadata == null ? null : metadata.get(key);
    }
}
