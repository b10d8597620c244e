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
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Objects;
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
 * failure policy. Lettuce reconnects in the background. Redis must be reachable at start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionProperties.class)
public class AdmissionConfiguration {

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
            return new RateLimitStore(new LocalLimitStore(TimeMeter.SYSTEM_NANOTIME, properties.maxBuckets()), null, null);
        }
        RedisClient client = RedisClient.create(RedisURI.create(Objects.requireNonNull(properties.redisUri())));
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .autoReconnect(true)
                .timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout()))
                .build());
        StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        return new RateLimitStore(new RedisLimitStore(connection, properties.commandTimeout()), client, connection);
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

    /** The store with the Redis resources it owns, closed with the context. */
    record RateLimitStore(LimitStore store, @org.jspecify.annotations.Nullable RedisClient client,
            @org.jspecify.annotations.Nullable StatefulRedisConnection<byte[], byte[]> connection) implements DisposableBean {

        @Override
        public void destroy() {
            if (connection != null) {
                connection.close();
            }
            if (client != null) {
                client.shutdown();
            }
        }
    }
}
