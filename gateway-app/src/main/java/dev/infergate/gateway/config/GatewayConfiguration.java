package dev.infergate.gateway.config;

import dev.infergate.gateway.control.LiveConfigurationHolder;
import dev.infergate.gateway.control.LiveConfigurationReader;
import dev.infergate.gateway.control.LiveRouteDefinitionRepository;
import dev.infergate.gateway.control.SeedFile;
import dev.infergate.gateway.discovery.DemoEndpointSource;
import dev.infergate.gateway.discovery.DemoFleet;
import dev.infergate.gateway.discovery.EndpointRegistry;
import dev.infergate.gateway.discovery.EndpointSource;
import dev.infergate.gateway.discovery.PoolContextWarmer;
import dev.infergate.gateway.discovery.PoolLoadBalancerConfiguration;
import dev.infergate.gateway.discovery.StaticEndpointSource;
import dev.infergate.gateway.web.PortIsolationFilter;
import dev.infergate.gateway.web.ProblemWebExceptionHandler;
import dev.infergate.gateway.web.ServerPorts;
import dev.infergate.routing.body.BodyLimits;
import dev.infergate.routing.body.CachedBodyGatewayFilterFactory;
import dev.infergate.routing.body.RequestBodyLimitFilter;
import java.util.List;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.HttpClientFactory;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.config.HttpClientSslConfigurer;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's data plane and its live configuration, wired. */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = PoolLoadBalancerConfiguration.class)
public class GatewayConfiguration {

    @Bean
    LiveConfigurationHolder liveConfiguration(InfergateProperties properties, ApplicationEventPublisher events) {
        return new LiveConfigurationHolder(new LiveConfigurationReader().read(SeedFile.read(properties.seed())), events);
    }

    @Bean
    LiveRouteDefinitionRepository liveRoutes(LiveConfigurationHolder holder, ApplicationEventPublisher events) {
        return new LiveRouteDefinitionRepository(holder, events);
    }

    @Bean
    DemoFleet demoFleet(InfergateProperties properties) {
        return new DemoFleet(() -> DemoFleets.start(SeedFile.read(properties.demo().fleet())));
    }

    @Bean
    StaticEndpointSource staticEndpoints() {
        return new StaticEndpointSource();
    }

    @Bean
    DemoEndpointSource demoEndpoints(DemoFleet fleet) {
        return new DemoEndpointSource(fleet);
    }

    @Bean
    EndpointRegistry endpointRegistry(List<EndpointSource> sources, LiveConfigurationHolder holder) {
        return new EndpointRegistry(sources, holder.current());
    }

    @Bean
    PoolContextWarmer poolContextWarmer(LoadBalancerClientFactory clients, LiveConfigurationHolder holder) {
        return new PoolContextWarmer(clients, holder);
    }

    @Bean
    BodyLimits bodyLimits(InfergateProperties properties) {
        return new BodyLimits(properties.maxRequestBody());
    }

    @Bean
    RequestBodyLimitFilter requestBodyLimitFilter(BodyLimits limits) {
        return new RequestBodyLimitFilter(limits);
    }

    @Bean
    CachedBodyGatewayFilterFactory cachedBodyGatewayFilterFactory(BodyLimits limits) {
        return new CachedBodyGatewayFilterFactory(limits);
    }

    @Bean
    ServerPorts serverPorts() {
        return new ServerPorts();
    }

    @Bean
    PortIsolationFilter portIsolationFilter(ServerPorts ports) {
        return new PortIsolationFilter(ports);
    }

    @Bean
    ProblemWebExceptionHandler problemWebExceptionHandler(JsonMapper json) {
        return new ProblemWebExceptionHandler(json);
    }

    @Bean
    HttpClientFactory gatewayHttpClientFactory(HttpClientProperties properties, ServerProperties serverProperties,
            HttpClientSslConfigurer sslConfigurer, List<HttpClientCustomizer> customizers, InfergateProperties infergate) {
        return new UpstreamHttpClientFactory(properties, serverProperties, sslConfigurer, customizers,
                infergate.upstream().pendingAcquireMaxCount());
    }

    /** Bounds the pause between two reads of a request body; idle keep-alive is bounded by the server's idle timeout. */
    @Bean
    NettyServerCustomizer requestReadTimeout(InfergateProperties properties) {
        return server -> server.readTimeout(properties.readTimeout());
    }
}
