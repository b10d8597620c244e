package dev.infergate.routing.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TimeoutsSpecTest {

    @Test
    void limitsAreReadFromTheFilterArguments() {
        TimeoutsSpec spec = TimeoutsSpec.of(new TimeoutsGatewayFilterFactory.Config().setFirstByte("300ms").setStreamTotal("10s"));

        assertThat(spec).isEqualTo(new TimeoutsSpec(Optional.of(Duration.ofMillis(300)), Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofSeconds(10))));
    }

    @Test
    void invalidArgumentsAreRefusedWithExactMessages() {
        assertThatThrownBy(() -> TimeoutsSpec.of(new TimeoutsGatewayFilterFactory.Config()))
                .hasMessage("Timeouts: no limit set (expected at least one of: first-byte, idle, total, stream-total)");
        assertThatThrownBy(() -> TimeoutsSpec.of(new TimeoutsGatewayFilterFactory.Config().setIdle("5 minutes")))
                .hasMessage("idle: \"5 minutes\" (expected: a duration such as 250ms or 2s)");
        assertThatThrownBy(() -> TimeoutsSpec.of(new TimeoutsGatewayFilterFactory.Config().setTotal("0s")))
                .hasMessage("total: 0s (expected: > 0)");
    }
}
