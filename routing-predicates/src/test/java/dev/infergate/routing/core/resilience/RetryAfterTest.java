package dev.infergate.routing.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class RetryAfterTest {

    private final Instant now = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void delaySecondsAreADuration() {
        assertThat(RetryAfter.parse("1", now)).contains(Duration.ofSeconds(1));
        assertThat(RetryAfter.parse(" 60 ", now)).contains(Duration.ofSeconds(60));
    }

    @Test
    void anHttpDateIsTheTimeUntilItAndAPastDateIsNoWait() {
        assertThat(RetryAfter.parse("Thu, 26 Nov 2026 12:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Thu, 26 Nov 2026 11:00:00 GMT", now)).contains(Duration.ZERO);
    }

    @Test
    void anythingElseIsNoHint() {
        assertThat(RetryAfter.parse(null, now)).isEqualTo(Optional.empty());
        assertThat(RetryAfter.parse("", now)).isEmpty();
        assertThat(RetryAfter.parse("-1", now)).isEmpty();
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
    }
}
