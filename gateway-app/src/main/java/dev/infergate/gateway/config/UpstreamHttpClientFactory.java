package dev.infergate.gateway.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.HttpClientFactory;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.config.HttpClientSslConfigurer;
import reactor.netty.resources.ConnectionProvider;

/**
 * Spring Cloud Gateway's upstream client with a bounded connection pool: a fixed number of
 * connections, a bounded queue of requests waiting for one (the gateway's own setting leaves that
 * queue unbounded), and idle, lifetime and eviction limits.
 */
final class UpstreamHttpClientFactory extends HttpClientFactory {

    private final int pendingAcquireMaxCount;

    UpstreamHttpClientFactory(HttpClientProperties properties, ServerProperties serverProperties,
            HttpClientSslConfigurer sslConfigurer, List<HttpClientCustomizer> customizers, int pendingAcquireMaxCount) {
        super(properties, serverProperties, sslConfigurer, customizers);
        this.pendingAcquireMaxCount = pendingAcquireMaxCount;
    }

    @Override
    protected ConnectionProvider buildConnectionProvider(HttpClientProperties properties) {
        HttpClientProperties.Pool pool = properties.getPool();
        ConnectionProvider.Builder builder = ConnectionProvider.builder(pool.getName())
                .maxConnections(pool.getMaxConnections())
                .pendingAcquireMaxCount(pendingAcquireMaxCount)
                .pendingAcquireTimeout(Duration.ofMillis(pool.getAcquireTimeout()))
                .evictInBackground(pool.getEvictionInterval())
                .metrics(pool.isMetrics())
                .lifo();
        if (pool.getMaxIdleTime() != null) {
            builder.maxIdleTime(pool.getMaxIdleTime());
        }
        if (pool.getMaxLifeTime() != null) {
            builder.maxLifeTime(pool.getMaxLifeTime());
        }
        return builder.build();
    }
}
