package dev.infergate.routing.core.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class StrategyCacheTest {

    private final StrategyCache cache = new StrategyCache(new ScriptedRandom());

    @Test
    void theSameNameAndSettingsKeepTheStrategyAndItsState() {
        List<Candidate> pool = List.of(Fixtures.idle("a:1"), Fixtures.idle("b:1"));

        BalancingStrategy first = cache.get("round-robin", Map.of());
        first.choose(pool, PickHints.none());

        assertThat(cache.get("round-robin", Map.of())).isSameAs(first);
        assertThat(cache.get("round-robin", Map.of()).choose(pool, PickHints.none()).endpoint().endpoint()).isEqualTo("b:1");
    }

    @Test
    void anotherNameOrOtherSettingsBuildANewStrategy() {
        BalancingStrategy capacity = cache.get("capacity", Map.of("weights", Map.of("queue", 2)));

        assertThat(cache.get("capacity", Map.of("weights", Map.of("queue", 3)))).isNotSameAs(capacity);
        assertThat(cache.get("least-request", Map.of()).name()).isEqualTo("least-request");
    }
}
