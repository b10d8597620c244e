package dev.infergate.gateway.config;

import dev.infergate.gateway.control.ConfigStore;
import dev.infergate.gateway.control.LiveConfigurationService;
import dev.infergate.gateway.discovery.EndpointProbes;
import dev.infergate.gateway.discovery.EndpointRegistry;
import dev.infergate.gateway.observability.LiveConfigurationHealthIndicator;
import dev.infergate.gateway.observability.LiveRoutesEndpoint;
import dev.infergate.gateway.observability.PoolsHealthIndicator;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Health, probes and actuator views of the gateway. */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    EndpointProbes endpointProbes(EndpointRegistry registry, InfergateProperties properties) {
        InfergateProperties.Probes probes = properties.probes();
        return new EndpointProbes(registry, probes.path(), probes.interval(), probes.timeout());
    }

    /** Probing starts once the gateway serves. */
    @Bean
    ApplicationRunner startEndpointProbes(EndpointProbes probes) {
        return arguments -> probes.start();
    }

    @Bean
    PoolsHealthIndicator pools(EndpointRegistry registry, EndpointProbes probes) {
        return new PoolsHealthIndicator(registry, probes);
    }

    @Bean
    LiveConfigurationHealthIndicator liveConfiguration(ConfigStore store) {
        return new LiveConfigurationHealthIndicator(store);
    }

    @Bean
    LiveRoutesEndpoint liveRoutesEndpoint(LiveConfigurationService service) {
        return new LiveRoutesEndpoint(service);
    }
}
