package dev.infergate.gateway.config;

import dev.infergate.gateway.control.ConfigurationProblem;
import dev.infergate.gateway.control.LiveConfigurationHolder;
import dev.infergate.gateway.control.PoolValidator;
import dev.infergate.gateway.discovery.EndpointProbes;
import dev.infergate.gateway.discovery.EndpointRegistry;
import dev.infergate.gateway.observability.BalancerMeters;
import dev.infergate.gateway.observability.InferenceEndpoint;
import dev.infergate.routing.balancer.LoadSignalFilter;
import dev.infergate.routing.balancer.MetricsScraper;
import dev.infergate.routing.balancer.ScrapeSettings;
import dev.infergate.routing.balancer.ScrapeTarget;
import dev.infergate.routing.core.balance.BalancingStrategies;
import dev.infergate.routing.core.balance.EndpointHealth;
import dev.infergate.routing.core.balance.LoadSignals;
import dev.infergate.routing.core.balance.NanoClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.Disposable;

/**
 * Capacity-aware picking: the load signals and endpoint health every pool's picker shares, the
 * filter that feeds local signals, the scraper of backend metrics, and the validation of each
 * pool's strategy and settings.
 */
@Configuration(proxyBeanMethods = false)
public class BalancingConfiguration {

    @Bean
    LoadSignals loadSignals() {
        return LoadSignals.create();
    }

    @Bean
    EndpointHealth endpointHealth() {
        return EndpointHealth.inMemory(NanoClock.system());
    }

    @Bean
    LoadSignalFilter loadSignalFilter(LoadSignals signals) {
        return new LoadSignalFilter(signals);
    }

    @Bean
    MetricsScraper metricsScraper(LoadSignals signals, EndpointRegistry registry, ObjectProvider<MeterRegistry> meters) {
        return new MetricsScraper(MetricsScraper.defaultClient(), signals, () -> targets(registry), ScrapeSettings.defaults(),
                meters.getIfAvailable());
    }

    /** Scrapes every endpoint of every pool while the gateway runs; a failing scrape falls back to local signals. */
    @Bean
    SmartLifecycle metricsScraping(MetricsScraper scraper) {
        return new SmartLifecycle() {
            private volatile Disposable running;

            @Override
            public void start() {
                running = scraper.start();
            }

            @Override
            public void stop() {
                running.dispose();
                running = null;
            }

            @Override
            public boolean isRunning() {
                return running != null;
            }
        };
    }

    @Bean
    PoolValidator poolValidator() {
        return (pool, pointer) -> {
            if (!BalancingStrategies.NAMES.contains(pool.strategy())) {
                return List.of(new ConfigurationProblem(pointer + "/strategy",
                        "unknown strategy " + pool.strategy() + "; expected one of " + BalancingStrategies.NAMES));
            }
            try {
                BalancingStrategies.validate(pool.strategy(), pool.settings());
                return List.of();
            } catch (IllegalArgumentException invalid) {
                return List.of(new ConfigurationProblem(pointer + "/settings", invalid.getMessage()));
            }
        };
    }

    @Bean
    BalancerMeters balancerMeters(MeterRegistry registry, LoadSignals signals, EndpointRegistry endpoints,
            LiveConfigurationHolder holder) {
        return new BalancerMeters(registry, signals, endpoints, holder.current());
    }

    @Bean
    InferenceEndpoint inferenceEndpoint(LiveConfigurationHolder holder, EndpointRegistry registry, LoadSignals signals,
            EndpointHealth health, EndpointProbes probes) {
        return new InferenceEndpoint(holder, registry, signals, health, probes);
    }

    private static List<ScrapeTarget> targets(EndpointRegistry registry) {
        return registry.all().entrySet().stream()
                .flatMap(pool -> pool.getValue().stream().map(endpoint -> new ScrapeTarget(pool.getKey(), endpoint.host(), endpoint.port())))
                .toList();
    }
}
