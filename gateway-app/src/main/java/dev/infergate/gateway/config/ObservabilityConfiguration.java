package dev.infergate.gateway.config;

import dev.infergate.gateway.control.ConfigStore;
import dev.infergate.gateway.control.LiveConfigurationService;
import dev.infergate.gateway.discovery.EndpointProbes;
import dev.infergate.gateway.discovery.EndpointRegistry;
import dev.infergate.gateway.control.LiveConfigurationHolder;
import dev.infergate.gateway.observability.AccessLog;
import dev.infergate.gateway.observability.GenAiSpanAttributes;
import dev.infergate.gateway.observability.ActiveRequestsFilter;
import dev.infergate.gateway.observability.InferenceMeters;
import dev.infergate.gateway.observability.InferenceObservationFilter;
import dev.infergate.gateway.observability.KnownModels;
import dev.infergate.gateway.observability.LiveConfigurationHealthIndicator;
import dev.infergate.gateway.observability.RequestRecordListener;
import dev.infergate.gateway.observability.StreamGaps;
import dev.infergate.gateway.web.ServerPorts;
import dev.infergate.routing.usage.UsageListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import java.util.List;
import dev.infergate.gateway.observability.LiveRoutesEndpoint;
import dev.infergate.gateway.observability.PoolsHealthIndicator;
import io.prometheus.metrics.tracer.common.SpanContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
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
    KnownModels knownModels(InfergateProperties properties, LiveConfigurationHolder holder) {
        return new KnownModels(properties.observability().models(), holder.current());
    }

    @Bean
    InferenceMeters inferenceMeters(MeterRegistry registry, KnownModels models) {
        return new InferenceMeters(registry, models);
    }

    /**
     * OpenTelemetry finds its context storage through the service loader the first time a span
     * context is read, which reads jar files: done here, before any bean exists, rather than on an
     * event loop by the first meter or request that looks for a span.
     */
    @Bean
    static BeanFactoryPostProcessor openTelemetryContextStorage() {
        return beanFactory -> Context.current();
    }

    /**
     * The Prometheus registry's exemplar sampler looks up the tracer lazily behind a lock; two
     * event loops recording the first meters at once would wait on it. Looked up here, before
     * anything serves or scrapes.
     */
    @Bean
    SmartInitializingSingleton exemplarTracerLookup(ObjectProvider<SpanContext> spans) {
        return () -> spans.ifAvailable(SpanContext::isCurrentSpanSampled);
    }

    @Bean
    GenAiSpanAttributes genAiSpanAttributes() {
        return new GenAiSpanAttributes();
    }

    @Bean
    AccessLog accessLog(InfergateProperties properties, MeterRegistry registry) {
        return new AccessLog(properties.observability().accessLogQueue(), registry);
    }

    @Bean
    InferenceObservationFilter inferenceObservationFilter(ServerPorts ports, List<RequestRecordListener> records,
            List<UsageListener> usages, MeterRegistry registry) {
        return new InferenceObservationFilter(ports, records, usages, new StreamGaps(registry));
    }

    @Bean
    ActiveRequestsFilter activeRequestsFilter(MeterRegistry registry) {
        return new ActiveRequestsFilter(registry);
    }

    @Bean
    LiveRoutesEndpoint liveRoutesEndpoint(LiveConfigurationService service) {
        return new LiveRoutesEndpoint(service);
    }
}
