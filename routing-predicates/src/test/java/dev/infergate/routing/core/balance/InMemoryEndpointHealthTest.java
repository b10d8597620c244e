package dev.infergate.routing.core.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class InMemoryEndpointHealthTest {

    private final FakeClock clock = new FakeClock();
    private final EndpointHealth health = EndpointHealth.inMemory(clock);

    @Test
    void anEjectedEndpointIsBackAtTheInstantItsEjectionExpires() {
        health.eject("a:1", Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(10).minusNanos(1));
        assertThat(health.isEjected("a:1")).isTrue();
        assertThat(health.ejection("a:1")).contains(new Ejection("a:1", Duration.ofNanos(1)));
        clock.advance(Duration.ofNanos(1));
        assertThat(health.isEjected("a:1")).isFalse();
        assertThat(health.ejected()).isEmpty();
    }

    @Test
    void ejectionsNeverShortenEachOther() {
        health.eject("a:1", Duration.ofSeconds(30));
        health.eject("a:1", Duration.ofSeconds(5));
        assertThat(health.ejection("a:1")).contains(new Ejection("a:1", Duration.ofSeconds(30)));

        clock.advance(Duration.ofSeconds(10));
        health.eject("a:1", Duration.ofSeconds(60));
        assertThat(health.ejection("a:1")).contains(new Ejection("a:1", Duration.ofSeconds(60)));
    }

    @Test
    void ejectedEndpointsAreListedByAddressAndCanBeRestored() {
        health.eject("b:1", Duration.ofSeconds(2));
        health.eject("a:1", Duration.ofSeconds(1));
        health.eject("c:1", Duration.ofSeconds(3));

        health.restore("c:1");

        assertThat(health.ejected()).containsExactly(new Ejection("a:1", Duration.ofSeconds(1)), new Ejection("b:1", Duration.ofSeconds(2)));
    }

    @Test
    void anEjectionNeedsAPositiveDuration() {
        assertThatThrownBy(() -> health.eject("a:1", Duration.ZERO)).hasMessage("duration: PT0S (expected: > 0)");
    }
}
