package dev.infergate.gateway.observability;

import dev.infergate.gateway.control.LiveConfigurationHolder;
import dev.infergate.gateway.control.PoolDefinition;
import dev.infergate.gateway.discovery.Endpoint;
import dev.infergate.gateway.discovery.EndpointProbes;
import dev.infergate.gateway.discovery.EndpointRegistry;
import dev.infergate.routing.core.balance.BackendSignal;
import dev.infergate.routing.core.balance.EndpointHealth;
import dev.infergate.routing.core.balance.LoadSignals;
import dev.infergate.routing.core.balance.LoadSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/inference}: every pool with its strategy and settings, and every endpoint with
 * its probe, ejection and load signals (local, and backend-reported with source and age).
 */
@org.springframework.boot.actuate.endpoint.annotation.Endpoint(id = "inference")
public final class InferenceEndpoint {

    private final LiveConfigurationHolder holder;
    private final EndpointRegistry registry;
    private final LoadSignals signals;
    private final EndpointHealth health;
    private final EndpointProbes probes;

    public InferenceEndpoint(LiveConfigurationHolder holder, EndpointRegistry registry, LoadSignals signals,
            EndpointHealth health, EndpointProbes probes) {
        this.holder = holder;
        this.registry = registry;
        this.signals = signals;
        this.health = health;
        this.probes = probes;
    }

    @ReadOperation
    public Map<String, Object> inference() {
        List<Object> pools = new ArrayList<>();
        for (PoolDefinition pool : holder.current().pools()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", pool.name());
            view.put("strategy", pool.strategy());
            view.put("settings", pool.settings());
            view.put("endpoints", registry.endpoints(pool.name()).stream().map(this::endpoint).toList());
            pools.add(view);
        }
        return Map.of("pools", pools);
    }

    private Map<String, Object> endpoint(Endpoint endpoint) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("address", endpoint.address());
        view.put("zone", endpoint.zone());
        view.put("state", health.ejection(endpoint.address())
                .map(ejection -> "EJECTED (" + ejection.remaining().toMillis() + " ms left)").orElse("ACTIVE"));
        probes.result(endpoint).ifPresent(probe -> view.put("probe", Map.of("up", probe.up(), "at", probe.at().toString(),
                "detail", probe.detail())));
        LoadSnapshot load = signals.snapshot(endpoint.address());
        Map<String, Object> local = new LinkedHashMap<>();
        local.put("inFlight", load.local().inFlight());
        put(local, "latencyMillis", load.local().latencyMillis());
        put(local, "firstByteMillis", load.local().firstByteMillis());
        local.put("errorRate", load.local().errorRate());
        view.put("local", local);
        load.backend().ifPresent(backend -> view.put("backend", backend(backend)));
        return view;
    }

    private static Map<String, Object> backend(BackendSignal signal) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("source", signal.source().name());
        view.put("ageMillis", signal.age().toMillis());
        put(view, "waiting", signal.load().waiting());
        put(view, "running", signal.load().running());
        put(view, "kvCacheUsage", signal.load().kvCacheUsage());
        return view;
    }

    private static void put(Map<String, Object> view, String name, OptionalDouble value) {
        if (value.isPresent()) {
            view.put(name, value.getAsDouble());
        }
    }
}
