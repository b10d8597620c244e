package dev.infergate.gateway.config;

import dev.infergate.gateway.control.LiveConfigurationHolder;
import dev.infergate.gateway.limits.LimitsSectionValidator;
import dev.infergate.gateway.limits.LiveAdmissionSettings;
import dev.infergate.gateway.limits.TenantsSectionValidator;
import dev.infergate.routing.admission.AdmissionGatewayFilterFactory;
import dev.infergate.routing.admission.AdmissionMeters;
import dev.infergate.routing.admission.ApiKeyIdentityResolver;
import dev.infergate.routing.admission.IdentityResolver;
import dev.infergate.routing.admission.Limiter;
import dev.infergate.routing.admission.LimitStore;
import dev.infergate.routing.admission.LocalLimitStore;
import dev.infergate.routing.admission.RedisLimitStore;
import dev.infergate.routing.admission.StreamingUsageObserver;
import dev.infergate.routing.admission.UsageObserver;
import dev.infergate.routing.body.BodyLimits;
import io.github.bucket4j.TimeMeter;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Client identity and rate limits: the {@code tenants} and {@code limits} sections with their
 * validators, the bucket store chosen by {@code infergate.ratelimit.store}, and the
 * {@code Admission} route filter.
 *
 * <p>With {@code store: redis} the connection rejects commands while disconnected and times every
 * command out after {@code command-timeout}, so a Redis outage fails fast into each limit's
 * failure policy. The connection is opened on first use and Lettuce reconnects in the
 * background, so the gateway starts and serves (by the failure policies) while Redis is away.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionProperties.class)
public class AdmissionConfiguration {

    /** Connecting is off the request path, but a dead address must not hold an attempt for long. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    @Bean
    TenantsSectionValidator tenantsSectionValidator() {
        return new TenantsSectionValidator();
    }

    @Bean
    LimitsSectionValidator limitsSectionValidator() {
        return new LimitsSectionValidator();
    }

    @Bean
    LiveAdmissionSettings liveAdmissionSettings(LiveConfigurationHolder holder) {
        return new LiveAdmissionSettings(holder);
    }

    @Bean
    @ConditionalOnMissingBean
    IdentityResolver identityResolver() {
        return new ApiKeyIdentityResolver();
    }

    @Bean
    @ConditionalOnMissingBean
    UsageObserver usageObserver() {
        return new StreamingUsageObserver();
    }

    @Bean
    AdmissionMeters admissionMeters(ObjectProvider<MeterRegistry> meters) {
        return new AdmissionMeters(meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    RateLimitStore rateLimitStore(AdmissionProperties properties) {
        if (properties.store().equals("memory")) {
            return new RateLimitStore(new LocalLimitStore(TimeMeter.SYSTEM_NANOTIME, properties.maxBuckets()), null);
        }
        RedisURI uri = RedisURI.create(Objects.requireNonNull(properties.redisUri()));
        RedisClient client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .autoReconnect(true)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout()))
                .build());
        return new RateLimitStore(new RedisLimitStore(client, uri, properties.commandTimeout()), client);
    }

    @Bean
    Limiter limiter(RateLimitStore store, AdmissionProperties properties, AdmissionMeters meters) {
        return new Limiter(store.store(), TimeMeter.SYSTEM_NANOTIME, properties.maxBuckets(), meters);
    }

    @Bean
    AdmissionGatewayFilterFactory admissionGatewayFilterFactory(LiveAdmissionSettings settings, IdentityResolver identities,
            Limiter limiter, UsageObserver usage, BodyLimits bodyLimits, AdmissionMeters meters) {
        return new AdmissionGatewayFilterFactory(settings, identities, limiter, usage, bodyLimits, meters);
    }

    /** The store with the Redis client it owns, closed with the context. */
    record RateLimitStore(LimitStore store, @Nullable RedisClient client) implements DisposableBean {

        @Override
        public void destroy() {
            if (store instanceof RedisLimitStore redis) {
                redis.close();
            }
            if (client != null) {
                client.shutdown();
            }
        }
    }
}
