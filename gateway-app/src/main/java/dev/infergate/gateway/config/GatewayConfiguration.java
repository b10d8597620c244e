package dev.infergate.gateway.config;

import dev.infergate.gateway.control.ConfigStore;
import dev.infergate.gateway.control.ConfigurationValidator;
import dev.infergate.gateway.control.FileConfigStore;
import dev.infergate.gateway.control.LiveConfigurationHolder;
import dev.infergate.gateway.control.LiveConfigurationService;
import dev.infergate.gateway.control.PoolValidator;
import dev.infergate.gateway.control.ReferenceValidator;
import dev.infergate.gateway.control.RouteCompiler;
import dev.infergate.gateway.control.SectionValidator;
import dev.infergate.gateway.control.SeedFileWatcher;
import dev.infergate.gateway.control.UpstreamUriPolicy;
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
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.ApplicationRunner;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;
import org.springframework.cloud.gateway.handler.predicate.RoutePredicateFactory;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.core.env.Environment;
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
    ConfigStore configStore(InfergateProperties properties) {
        return new FileConfigStore(Path.of(properties.dataDir()), Clock.systemUTC(), properties.versionsKept(),
                () -> new LiveConfigurationReader().read(SeedFile.read(properties.seed())));
    }

    @Bean
    LiveConfigurationHolder liveConfigurationHolder(ConfigStore store, ApplicationEventPublisher events) {
        return new LiveConfigurationHolder(store.current().configuration(), events);
    }

    @Bean
    RouteCompiler routeCompiler(List<RoutePredicateFactory<?>> predicates, List<GatewayFilterFactory<?>> filters,
            ConfigurationService gatewayConfigurationService, ServerPorts ports, Environment environment) {
        int configuredAdminPort = environment.getProperty("management.server.port", Integer.class, -1);
        return new RouteCompiler(predicates, filters, gatewayConfigurationService, new UpstreamUriPolicy(
                UpstreamUriPolicy.DEFAULT_SCHEMES, () -> ports.adminPort() > 0 ? ports.adminPort() : configuredAdminPort));
    }

    @Bean
    ConfigurationValidator configurationValidator(RouteCompiler compiler, PoolValidator pools, List<SectionValidator> sections,
            List<ReferenceValidator> references) {
        return new ConfigurationValidator(compiler, pools, sections, references);
    }

    @Bean
    LiveConfigurationService liveConfigurationService(ConfigStore store, ConfigurationValidator validator,
            LiveConfigurationHolder holder) {
        return new LiveConfigurationService(store, validator, holder);
    }

    @Bean
    SeedFileWatcher seedFileWatcher(InfergateProperties properties, LiveConfigurationService service) {
        return new SeedFileWatcher(Path.of(properties.seed()), Path.of(properties.dataDir()), service);
    }

    /** Hand edits of the seed file are watched once the gateway serves. */
    @Bean
    ApplicationRunner seedFileWatch(SeedFileWatcher watcher, InfergateProperties properties) {
        return arguments -> watcher.start(properties.seedCheckInterval());
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
