package dev.infergate.routing.resilience;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code Timeouts}: per-route limits on an upstream attempt ({@link TimeoutsSpec}: {@code first-byte},
 * {@code idle}, {@code total}, {@code stream-total}; the connect timeout is Spring Cloud Gateway's
 * route metadata {@code connect-timeout}).
 *
 * <p>Each run of the chain after this filter is one attempt: the filter records the attempt's start
 * and limits for {@link ResponseTimeoutsFilter}, which applies them to the body as it streams, and
 * itself limits the wait for the response's headers by {@code first-byte}. An expiry before the
 * first body byte fails with {@code ResponseStatusException(GATEWAY_TIMEOUT)}, which the gateway
 * renders as a 504 problem and which {@code AdaptiveRetry}, placed before this filter, retries
 * when its policy retries 504. After the first byte it ends the stream with an error (an error event
 * for server-sent events, see {@link StreamErrorFilter}).
 */
public final class TimeoutsGatewayFilterFactory extends AbstractGatewayFilterFactory<TimeoutsGatewayFilterFactory.Config> {

    public TimeoutsGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("firstByte", "idle", "total", "streamTotal");
    }

    @Override
    public GatewayFilter apply(Config config) {
        TimeoutsSpec spec = TimeoutsSpec.of(config);
        return (exchange, chain) -> {
            AttemptDeadlines deadlines = new AttemptDeadlines(spec, System.nanoTime());
            exchange.getAttributes().put(AttemptDeadlines.ATTRIBUTE, deadlines);
            Mono<Void> attempt = chain.filter(exchange);
            if (spec.firstByte().isEmpty()) {
                return attempt;
            }
            Duration firstByte = spec.firstByte().get();
            return attempt.timeout(firstByte)
                    .onErrorMap(TimeoutException.class, expired -> new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT,
                            "The upstream sent no response within " + firstByte.toMillis() + " ms", expired));
        };
    }

    /** Bound from the route's filter arguments; converted to {@link TimeoutsSpec} at once. */
    public static final class Config {

        private @Nullable String firstByte;
        private @Nullable String idle;
        private @Nullable String total;
        private @Nullable String streamTotal;

        public @Nullable String getFirstByte() {
            return firstByte;
        }

        public Config setFirstByte(@Nullable String firstByte) {
            this.firstByte = firstByte;
            return this;
        }

        public @Nullable String getIdle() {
            return idle;
        }

        public Config setIdle(@Nullable String idle) {
            this.idle = idle;
            return this;
        }

        public @Nullable String getTotal() {
            return total;
        }

        public Config setTotal(@Nullable String total) {
            this.total = total;
            return this;
        }

        public @Nullable String getStreamTotal() {
            return streamTotal;
        }

        public Config setStreamTotal(@Nullable String streamTotal) {
            this.streamTotal = streamTotal;
            return this;
        }
    }
}
