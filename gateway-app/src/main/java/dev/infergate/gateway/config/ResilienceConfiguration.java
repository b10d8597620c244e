package dev.infergate.gateway.config;

import dev.infergate.gateway.control.ConfigurationProblem;
import dev.infergate.gateway.control.LiveConfigurationHolder;
import dev.infergate.gateway.control.PoolDefinition;
import dev.infergate.gateway.control.ReferenceValidator;
import dev.infergate.gateway.discovery.EndpointRegistry;
import dev.infergate.routing.body.BodyLimits;
import dev.infergate.routing.core.balance.EndpointHealth;
import dev.infergate.routing.core.balance.NanoClock;
import dev.infergate.routing.core.resilience.OutlierDetector;
import dev.infergate.routing.core.resilience.OutlierSettings;
import dev.infergate.routing.core.resilience.RetryPolicy;
import dev.infergate.routing.resilience.AdaptiveRetryGatewayFilterFactory;
import dev.infergate.routing.resilience.Hedger;
import dev.infergate.routing.resilience.PoolSizes;
import dev.infergate.routing.resilience.ResilienceMeters;
import dev.infergate.routing.resilience.RetryBudgets;
import dev.infergate.routing.resilience.ResponseTimeoutsFilter;
import dev.infergate.routing.resilience.StreamErrorFilter;
import dev.infergate.routing.resilience.TimeoutsGatewayFilterFactory;
import dev.infergate.routing.resilience.UpstreamAttemptFilter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;

/**
 * Resilience: the {@code AdaptiveRetry} filter with its policies (live configuration section
 * {@value #RETRY_POLICIES}) and budgets, outlier ejection of pools named in section
 * {@value #OUTLIER_DETECTION} (feeding the {@link EndpointHealth} every picker reads), per-route
 * {@code Timeouts}, and the error event that ends a stream failing midway. See {@code docs/resilience.md}.
 */
@Configuration(proxyBeanMethods = false)
public class ResilienceConfiguration {

    public static final String RETRY_POLICIES = "retry-policies";
    public static final String OUTLIER_DETECTION = "outlier-detection";

    /**
     * Routes name retry policies and the outlier section names pools: both must exist, so a typo
     * is refused when written instead of silently disabling retries or ejection.
     */
    @Bean
    ReferenceValidator resilienceReferences() {
        return configuration -> {
            List<ConfigurationProblem> problems = new ArrayList<>();
            Set<String> policies = names(configuration.sections().get(RETRY_POLICIES));
            for (int i = 0; i < configuration.routes().size(); i++) {
                List<FilterDefinition> filters = configuration.routes().get(i).getFilters();
                for (int j = 0; j < filters.size(); j++) {
                    if (!filters.get(j).getName().equals("AdaptiveRetry")) {
                        continue;
                    }
                    Map<String, String> args = filters.get(j).getArgs();
                    String policy = args.getOrDefault(AdaptiveRetryGatewayFilterFactory.POLICY_KEY, args.get("_genkey_0"));
                    if (policy != null && !policies.contains(policy)) {
                        problems.add(new ConfigurationProblem("/routes/" + i + "/filters/" + j, "unknown retry policy " + policy
                                + "; expected one of section " + RETRY_POLICIES + ": " + policies.stream().sorted().toList()));
                    }
                }
            }
            Set<String> pools = configuration.pools().stream().map(PoolDefinition::name).collect(Collectors.toSet());
            for (String pool : names(configuration.sections().get(OUTLIER_DETECTION))) {
                if (!pools.contains(pool)) {
                    problems.add(new ConfigurationProblem("/sections/" + OUTLIER_DETECTION + "/" + pool,
                            "unknown pool " + pool + "; expected one of " + pools.stream().sorted().toList()));
                }
            }
            return problems;
        };
    }

    private static Set<String> names(@Nullable JsonNode section) {
        Set<String> names = new HashSet<>();
        if (section != null) {
            section.propertyNames().forEach(names::add);
        }
        return names;
    }

    @Bean
    ResilienceSections<RetryPolicy> retryPolicySection(LiveConfigurationHolder holder) {
        return new ResilienceSections<>(RETRY_POLICIES, RetryPolicy::from, holder);
    }

    @Bean
    ResilienceSections<OutlierSettings> outlierDetectionSection(LiveConfigurationHolder holder) {
        return new ResilienceSections<>(OUTLIER_DETECTION, OutlierSettings::from, holder);
    }

    @Bean
    ResilienceMeters resilienceMeters(ObjectProvider<MeterRegistry> meters) {
        return new ResilienceMeters(meters.getIfAvailable());
    }

    @Bean
    RetryBudgets retryBudgets() {
        return new RetryBudgets(NanoClock.system());
    }

    @Bean
    PoolSizes poolSizes(EndpointRegistry registry) {
        return pool -> registry.endpoints(pool).size();
    }

    /**
     * Hedges go out on their own connection pool, so that hedging under load cannot take the
     * connections of first attempts.
     */
    @Bean
    Hedger hedger(ReactiveLoadBalancer.Factory<ServiceInstance> pools) {
        return new Hedger(HttpClient.create(ConnectionProvider.builder("infergate-hedge").maxConnections(128)
                .pendingAcquireMaxCount(128).build()), pools);
    }

    @Bean
    AdaptiveRetryGatewayFilterFactory adaptiveRetryGatewayFilterFactory(ResilienceSections<RetryPolicy> retryPolicySection,
            RetryBudgets budgets, BodyLimits limits, PoolSizes pools, ResilienceMeters meters, Hedger hedger) {
        return new AdaptiveRetryGatewayFilterFactory(retryPolicySection::named, budgets, limits, pools, meters,
                ThreadLocalRandom.current(), Instant::now, hedger);
    }

    @Bean
    OutlierDetector outlierDetector(EndpointHealth health, ResilienceSections<OutlierSettings> outlierDetectionSection) {
        return new OutlierDetector(health, NanoClock.system(),
                pool -> outlierDetectionSection.named(pool).orElseGet(OutlierSettings::defaults));
    }

    @Bean
    UpstreamAttemptFilter upstreamAttemptFilter(OutlierDetector detector, ResilienceSections<OutlierSettings> outlierDetectionSection,
            PoolSizes pools, ResilienceMeters meters) {
        return new UpstreamAttemptFilter(detector, outlierDetectionSection::named, pools, meters);
    }

    @Bean
    TimeoutsGatewayFilterFactory timeoutsGatewayFilterFactory() {
        return new TimeoutsGatewayFilterFactory();
    }

    @Bean
    ResponseTimeoutsFilter responseTimeoutsFilter() {
        return new ResponseTimeoutsFilter();
    }

    @Bean
    StreamErrorFilter streamErrorFilter() {
        return new StreamErrorFilter();
    }
}
