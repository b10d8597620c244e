package dev.infergate.routing.core.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class BalancingStrategiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"round-robin", "least-request", "capacity", "prefix-affinity", "locality-failover"})
    void everyStrategyIsCreatedByItsNameWithDefaultSettings(String name) {
        assertThat(BalancingStrategies.create(name, Map.of()).name()).isEqualTo(name);
    }

    @Test
    void anUnknownStrategyNamesTheKnownOnes() {
        assertThatThrownBy(() -> BalancingStrategies.create("fastest", Map.of()))
                .hasMessage("strategy: \"fastest\" (expected one of: round-robin, least-request, capacity, prefix-affinity, locality-failover)");
    }

    @Test
    void nestedAndDottedKeysAreTheSameSetting() {
        CapacitySettings nested = CapacitySettings.from(Map.of("weights", Map.of("queue", 3, "kv-cache", 0.5)));
        CapacitySettings dotted = CapacitySettings.from(Map.of("weights.queue", 3.0, "weights.kv-cache", 0.5));

        assertThat(nested).isEqualTo(dotted);
        assertThat(nested).isEqualTo(new CapacitySettings(new CapacitySettings.Weights(3, 0.5, 1, 0.5, 2), 32));
    }

    @Test
    void settingsOfEveryStrategyAreReadWithTheirDefaults() {
        assertThat(LeastRequestSettings.from(Map.of())).isEqualTo(new LeastRequestSettings(2));
        assertThat(CapacitySettings.from(Map.of())).isEqualTo(CapacitySettings.defaults());
        assertThat(PrefixAffinitySettings.from(Map.of("load-factor", 1.5, "prefix-length", 128, "default-capacity", 16)))
                .isEqualTo(new PrefixAffinitySettings(1.5, 128, new CapacitySettings(CapacitySettings.Weights.defaults(), 16)));
        assertThat(LocalityFailoverSettings.from(Map.of("local-zone", "a", "zone-order", List.of("b", "c"), "within", "capacity",
                "within-settings", Map.of("weights", Map.of("latency", 1)))))
                .isEqualTo(new LocalityFailoverSettings("a", List.of("b", "c"), 0.9, 32, "capacity",
                        Map.of("weights", Map.of("latency", 1))));
    }

    @Test
    void invalidValuesNameTheSettingTheValueAndWhatWasExpected() {
        assertThatThrownBy(() -> CapacitySettings.from(Map.of("weights", Map.of("queue", -1))))
                .hasMessage("weights.queue: -1.0 (expected: >= 0)");
        assertThatThrownBy(() -> CapacitySettings.from(Map.of("weights.errors", Double.NaN)))
                .hasMessage("weights.errors: NaN (expected: a finite number)");
        assertThatThrownBy(() -> CapacitySettings.from(Map.of("weights", Map.of("queue", 0, "kv-cache", 0, "in-flight", 0, "latency", 0, "errors", 0))))
                .hasMessage("weights: all 0 (expected: at least one > 0)");
        assertThatThrownBy(() -> CapacitySettings.from(Map.of("default-capacity", 0)))
                .hasMessage("default-capacity: 0 (expected: > 0)");
        assertThatThrownBy(() -> LeastRequestSettings.from(Map.of("choices", 1)))
                .hasMessage("choices: 1 (expected: >= 2)");
        assertThatThrownBy(() -> PrefixAffinitySettings.from(Map.of("load-factor", 0.9)))
                .hasMessage("load-factor: 0.9 (expected: >= 1)");
        assertThatThrownBy(() -> PrefixAffinitySettings.from(Map.of("prefix-length", 0)))
                .hasMessage("prefix-length: 0 (expected: > 0)");
        assertThatThrownBy(() -> LocalityFailoverSettings.from(Map.of("saturation", 0)))
                .hasMessage("saturation: 0.0 (expected: > 0)");
        assertThatThrownBy(() -> LocalityFailoverSettings.from(Map.of("zone-order", List.of("b", "b"))))
                .hasMessage("zone-order: [\"b\", \"b\"] (expected: distinct zone names)");
    }

    @Test
    void wrongTypesAreRejected() {
        assertThatThrownBy(() -> LeastRequestSettings.from(Map.of("choices", "two")))
                .hasMessage("choices: \"two\" (expected: an integer)");
        assertThatThrownBy(() -> LeastRequestSettings.from(Map.of("choices", 2.5)))
                .hasMessage("choices: 2.5 (expected: an integer)");
        assertThatThrownBy(() -> CapacitySettings.from(Map.of("weights", Map.of("queue", "high"))))
                .hasMessage("weights.queue: \"high\" (expected: a number)");
        assertThatThrownBy(() -> LocalityFailoverSettings.from(Map.of("zone-order", "b")))
                .hasMessage("zone-order: \"b\" (expected: a list of strings)");
        assertThatThrownBy(() -> LocalityFailoverSettings.from(Map.of("within-settings", 3)))
                .hasMessage("within-settings: 3 (expected: a map)");
        assertThat(LeastRequestSettings.from(Map.of("choices", 3.0))).isEqualTo(new LeastRequestSettings(3));
    }

    @Test
    void unknownKeysAreRejectedWithTheKnownOnes() {
        assertThatThrownBy(() -> CapacitySettings.from(Map.of("weights", Map.of("qeue", 1))))
                .hasMessage("weights.qeue: unknown setting (expected one of: weights.queue, weights.kv-cache, "
                        + "weights.in-flight, weights.latency, weights.errors, default-capacity)");
        assertThatThrownBy(() -> RoundRobinSettings.from(Map.of("seed", 1, "order", "random")))
                .hasMessage("order, seed: unknown settings (expected: no settings)");
        assertThatThrownBy(() -> BalancingStrategies.create("least-request", Map.of("choice", 3)))
                .hasMessage("choice: unknown setting (expected one of: choices)");
    }

    @Test
    void theWrappedStrategyOfLocalityFailoverIsValidatedWithItsPath() {
        assertThatThrownBy(() -> BalancingStrategies.create("locality-failover",
                Map.of("within", "capacity", "within-settings", Map.of("weights", Map.of("queue", -1)))))
                .hasMessage("within-settings.weights.queue: -1.0 (expected: >= 0)");
        assertThatThrownBy(() -> BalancingStrategies.create("locality-failover", Map.of("within", "locality-failover")))
                .hasMessage("within: \"locality-failover\" (expected one of: round-robin, least-request, capacity, prefix-affinity)");
        assertThatThrownBy(() -> BalancingStrategies.validate("locality-failover", Map.of("within-settings", Map.of("choices", 1))))
                .hasMessage("within-settings.choices: 1 (expected: >= 2)");
    }
}
