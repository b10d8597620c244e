package dev.infergate.routing.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infergate.routing.core.admission.Bandwidth;
import dev.infergate.routing.core.admission.FailurePolicy;
import dev.infergate.routing.core.admission.LimitDefinition;
import dev.infergate.routing.core.admission.LimitScope;
import dev.infergate.routing.core.admission.LimitState;
import dev.infergate.routing.core.admission.LimitUnit;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

@ExtendWith(OutputCaptureExtension.class)
final class LimiterTest {

    private static final LimitDefinition OPEN = limit("open", FailurePolicy.FAIL_OPEN);
    private static final LimitDefinition CLOSED = limit("closed", FailurePolicy.FAIL_CLOSED);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SwitchableStore store = new SwitchableStore();
    private final Limiter limiter = new Limiter(store, TimeMeter.SYSTEM_NANOTIME, 100, new AdmissionMeters(registry));

    private static LimitDefinition limit(String name, FailurePolicy policy) {
        return new LimitDefinition(name, LimitUnit.REQUESTS, LimitScope.TENANT, List.of(Bandwidth.of(10, Duration.ofHours(1))),
                policy, null);
    }

    @Test
    void failOpenDecidesWithALocalBucketOfTheReplicasShare() {
        store.down = true;
        for (long left = 2; left >= 0; left--) {
            LimitState state = limiter.tryConsume("t:acme", OPEN, 1, 4).block();
            assertThat(state.allowed()).isTrue();
            assertThat(state.fallback()).isTrue();
            assertThat(state.available()).containsExactly(left);
        }
        assertThat(limiter.tryConsume("t:acme", OPEN, 1, 4).block().allowed()).isFalse();
        assertThat(registry.get("infergate.ratelimit.store.failures").tags("store", "fake", "reason", "down").counter().count())
                .isEqualTo(4);
    }

    @Test
    void failClosedSignalsTheStoreIsUnavailable() {
        store.down = true;
        StepVerifier.create(limiter.tryConsume("t:acme", CLOSED, 1, 4))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(LimitStoreUnavailableException.class)
                        .hasMessage("the rate-limit store is unavailable and limit \"closed\" fails closed"))
                .verify();
    }

    @Test
    void eachOutageIsLoggedOnceAtWarnHoweverManyRequestsItMeets(CapturedOutput output) {
        for (int episode = 0; episode < 2; episode++) {
            store.down = true;
            for (int i = 0; i < 5; i++) {
                limiter.tryConsume("t:acme", OPEN, 1, 1).block();
            }
            store.down = false;
            limiter.tryConsume("t:acme", OPEN, 1, 1).block();
        }
        assertThat(output.getOut().split("WARN .* Rate-limit store 'fake' failed \\(down: IllegalStateException\\)", -1)).hasSize(3);
    }

    /** A store that answers with a full bucket, or fails while {@code down}. */
    private static final class SwitchableStore implements LimitStore {

        volatile boolean down;

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public Mono<LimitState> tryConsume(String key, LimitDefinition limit, long tokens) {
            return down ? Mono.error(new IllegalStateException("down")) : Mono.just(new LimitState(limit, true, List.of(9L), 0, false));
        }

        @Override
        public Mono<LimitState> adjust(String key, LimitDefinition limit, long difference) {
            return tryConsume(key, limit, 0);
        }

        @Override
        public String failureReason(Throwable failure) {
            return "down";
        }
    }
}
