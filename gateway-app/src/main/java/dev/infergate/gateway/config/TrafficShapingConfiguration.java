package dev.infergate.gateway.config;

import dev.infergate.routing.body.BodyLimits;
import dev.infergate.routing.predicate.ModelRoutePredicateFactory;
import dev.infergate.routing.predicate.RequireModelGatewayFilterFactory;
import dev.infergate.routing.split.MirrorGatewayFilterFactory;
import dev.infergate.routing.split.ModelAliasGatewayFilterFactory;
import dev.infergate.routing.split.TrafficSplitFilter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** Weighted destinations, model routing and aliases, and shadow traffic. */
@Configuration(proxyBeanMethods = false)
public class TrafficShapingConfiguration {

    @Bean
    TrafficSplitFilter trafficSplitFilter(BodyLimits limits) {
        return new TrafficSplitFilter(limits);
    }

    @Bean
    ModelRoutePredicateFactory modelRoutePredicateFactory(BodyLimits limits) {
        return new ModelRoutePredicateFactory(limits);
    }

    @Bean
    RequireModelGatewayFilterFactory requireModelGatewayFilterFactory(BodyLimits limits) {
        return new RequireModelGatewayFilterFactory(limits);
    }

    @Bean
    ModelAliasGatewayFilterFactory modelAliasGatewayFilterFactory(BodyLimits limits) {
        return new ModelAliasGatewayFilterFactory(limits);
    }

    /**
     * Shadow copies go out on their own small connection pool, so a hanging shadow never takes
     * connections from primary traffic; {@code lb://} shadows are resolved by the pool's picker.
     */
    @Bean
    MirrorGatewayFilterFactory mirrorGatewayFilterFactory(BodyLimits limits,
            ReactiveLoadBalancer.Factory<ServiceInstance> pools, ObjectProvider<MeterRegistry> meters) {
        HttpClient shadowClient = HttpClient.create(ConnectionProvider.builder("infergate-mirror").maxConnections(64)
                .pendingAcquireMaxCount(64).build());
        return new MirrorGatewayFilterFactory(limits, shadowClient, uri -> resolve(pools, uri), meters.getIfAvailable());
    }

    private static Mono<URI> resolve(ReactiveLoadBalancer.Factory<ServiceInstance> pools, URI destination) {
        if (!"lb".equals(destination.getScheme())) {
            return MirrorGatewayFilterFactory.DIRECT.apply(destination);
        }
        return Mono.from(pools.getInstance(destination.getHost()).choose(new DefaultRequest<>()))
                .filter(response -> response.hasServer())
                .map(response -> URI.create("http://" + response.getServer().getHost() + ":" + response.getServer().getPort()));
    }
}
