package dev.infergate.routing.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infergate.routing.core.balance.BalancingStrategies;
import dev.infergate.routing.core.balance.BalancingStrategy;
import dev.infergate.routing.core.balance.EndpointHealth;
import dev.infergate.routing.core.balance.LoadSignals;
import dev.infergate.routing.core.balance.NanoClock;
import dev.infergate.routing.core.balance.Pick;
import dev.infergate.routing.core.balance.SignalSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

final class EndpointPickerTest {

    private static final ServiceInstanceListSupplier POOL = ServiceInstanceListSuppliers.from("chat",
            instance("10.0.0.1", Map.of()), instance("10.0.0.2", Map.of()), instance("10.0.0.3", Map.of()));

    private final AtomicLong now = new AtomicLong();
    private final NanoClock clock = now::get;
    private final LoadSignals signals = new LoadSignals(SignalSettings.defaults(), clock);
    private final EndpointHealth health = EndpointHealth.inMemory(clock);

    @Test
    void aRetryNeverReachesAnEndpointAlreadyTriedAndThePickSaysWhenNoneIsLeft() {
        EndpointPicker picker = picker(POOL, BalancingStrategy.roundRobin());
        ServerWebExchange exchange = exchange();

        List<String> attempts = List.of(choose(picker, exchange), choose(picker, exchange), choose(picker, exchange));

        // round-robin turns over the endpoints still eligible: position 1 of [.2, .3], then 2 of [.2]
        assertThat(attempts).containsExactly("10.0.0.1:8000", "10.0.0.3:8000", "10.0.0.2:8000");
        assertThat(TriedEndpoints.of(exchange).endpoints()).isEqualTo(attempts);
        Response<ServiceInstance> none = picker.choose(request(exchange)).block();
        assertThat(none.hasServer()).isFalse();
        assertThat(exchange.<Pick>getAttribute(EndpointPicker.PICK_ATTRIBUTE))
                .isEqualTo(new Pick.Unavailable(Pick.Reason.ALL_TRIED, 3));
    }

    @Test
    void anEndpointTriedByAnotherFilterIsNeverPicked() {
        EndpointPicker picker = picker(POOL, BalancingStrategies.create("least-request", Map.of()));
        for (int i = 0; i < 200; i++) {
            ServerWebExchange exchange = exchange();
            TriedEndpoints.of(exchange).add("10.0.0.2:8000");

            assertThat(choose(picker, exchange)).isNotEqualTo("10.0.0.2:8000");
        }
    }

    @Test
    void anEjectedEndpointIsNeverPickedUntilItsEjectionExpires() {
        EndpointPicker picker = picker(POOL, BalancingStrategies.create("capacity", Map.of()));
        health.eject("10.0.0.1:8000", Duration.ofSeconds(10));

        Set<String> picked = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            picked.add(choose(picker, exchange()));
        }
        assertThat(picked).containsExactlyInAnyOrder("10.0.0.2:8000", "10.0.0.3:8000");

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        for (int i = 0; i < 200; i++) {
            picked.add(choose(picker, exchange()));
        }
        assertThat(picked).contains("10.0.0.1:8000");
    }

    @Test
    void whenEveryEndpointIsEjectedTheResponseIsEmptyWithTheReason() {
        EndpointPicker picker = picker(POOL, BalancingStrategy.roundRobin());
        List.of("10.0.0.1:8000", "10.0.0.2:8000", "10.0.0.3:8000").forEach(endpoint -> health.eject(endpoint, Duration.ofSeconds(1)));
        ServerWebExchange exchange = exchange();

        assertThat(picker.choose(request(exchange)).block().hasServer()).isFalse();
        assertThat(exchange.<Pick>getAttribute(EndpointPicker.PICK_ATTRIBUTE)).isEqualTo(new Pick.Unavailable(Pick.Reason.ALL_EJECTED, 3));
        assertThat(TriedEndpoints.of(exchange).endpoints()).isEmpty();
    }

    @Test
    void theStrategyIsReadAtEveryPickSoItCanBeSwitchedLive() {
        AtomicReference<BalancingStrategy> current = new AtomicReference<>(BalancingStrategy.roundRobin());
        EndpointPicker picker = new EndpointPicker("chat", POOL, current::get, signals, health);
        signals.start("10.0.0.1:8000");
        signals.start("10.0.0.2:8000");

        assertThat(choose(picker, exchange())).isEqualTo("10.0.0.1:8000");
        current.set(BalancingStrategies.create("capacity", Map.of()));
        assertThat(choose(picker, exchange())).isEqualTo("10.0.0.3:8000");
    }

    @Test
    void zoneAndCapacityComeFromInstanceMetadata() {
        ServiceInstanceListSupplier zoned = ServiceInstanceListSuppliers.from("chat",
                instance("10.0.1.1", Map.of("zone", "remote")),
                instance("10.0.0.1", Map.of("zone", "local", "capacity", "2")));
        EndpointPicker picker = picker(zoned, BalancingStrategies.create("locality-failover", Map.of("saturation", 1.0)));

        assertThat(choose(picker, exchange())).isEqualTo("10.0.0.1:8000");
        signals.start("10.0.0.1:8000");
        signals.start("10.0.0.1:8000");
        // the local endpoint holds 2 of its capacity 2: the local zone is saturated
        assertThat(choose(picker, exchange())).isEqualTo("10.0.1.1:8000");
    }

    @Test
    void prefixAffinityKeysOnTheCachedPromptAndScoresWithoutOne() {
        // the key is the first 17 characters: the system prompt, shared by every request below
        EndpointPicker picker = picker(POOL, BalancingStrategies.create("prefix-affinity", Map.of("prefix-length", 17)));
        Set<String> sameSystemPrompt = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ServerWebExchange exchange = exchange();
            exchange.getAttributes().put(ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR, DefaultDataBufferFactory.sharedInstance.wrap(
                    ("{\"messages\":[{\"role\":\"system\",\"content\":\"You are a pirate.\"},{\"role\":\"user\",\"content\":\"q" + i + "\"}]}")
                            .getBytes(StandardCharsets.UTF_8)));
            sameSystemPrompt.add(choose(picker, exchange));
        }
        assertThat(sameSystemPrompt).hasSize(1);

        ServerWebExchange withoutBody = exchange();
        picker.choose(request(withoutBody)).block();
        assertThat(withoutBody.<Pick.Picked>getAttribute(EndpointPicker.PICK_ATTRIBUTE).choice().basis())
                .isEqualTo("prefix-affinity: no prefix key, lowest score");
    }

    @Test
    void aPickStartsALeaseWhenTheSignalFilterAskedForIt() {
        EndpointPicker picker = picker(POOL, BalancingStrategy.roundRobin());
        ServerWebExchange exchange = exchange();
        AttemptLeases leases = new AttemptLeases();
        exchange.getAttributes().put(AttemptLeases.ATTRIBUTE, leases);

        String first = choose(picker, exchange);
        assertThat(signals.snapshot(first).local().inFlight()).isEqualTo(1);
        String retry = choose(picker, exchange);

        // the retry ended the first attempt as a failure
        assertThat(signals.snapshot(first).local().inFlight()).isZero();
        assertThat(signals.snapshot(first).local().errorRate()).isEqualTo(1.0);
        assertThat(signals.snapshot(retry).local().inFlight()).isEqualTo(1);

        // without the filter's holder a pick starts no lease, so none can leak
        choose(picker, exchange());
        assertThat(signals.snapshots().values()).extracting(snapshot -> snapshot.local().inFlight()).containsExactly(0, 0, 1);
    }

    @Test
    void aRequestWithoutExchangeAttributesIsPickedToo() {
        EndpointPicker picker = picker(POOL, BalancingStrategy.roundRobin());

        assertThat(picker.choose().block().getServer().getHost()).isEqualTo("10.0.0.1");
        assertThat(picker.choose(new DefaultRequest<>()).block().getServer().getHost()).isEqualTo("10.0.0.2");
    }

    private EndpointPicker picker(ServiceInstanceListSupplier instances, BalancingStrategy strategy) {
        return new EndpointPicker("chat", instances, () -> strategy, signals, health);
    }

    private static String choose(EndpointPicker picker, ServerWebExchange exchange) {
        ServiceInstance chosen = picker.choose(request(exchange)).block().getServer();
        return chosen.getHost() + ":" + chosen.getPort();
    }

    /** The request as Spring Cloud Gateway's ReactiveLoadBalancerClientFilter builds it. */
    private static DefaultRequest<RequestDataContext> request(ServerWebExchange exchange) {
        return new DefaultRequest<>(new RequestDataContext(new RequestData(exchange.getRequest(), exchange.getAttributes()), "default"));
    }

    private static ServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions"));
    }

    private static ServiceInstance instance(String host, Map<String, String> metadata) {
        return new DefaultServiceInstance("chat-" + host, "chat", host, 8000, false, new HashMap<>(metadata));
    }
}
