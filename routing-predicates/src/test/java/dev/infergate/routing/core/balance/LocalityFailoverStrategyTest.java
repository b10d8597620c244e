package dev.infergate.routing.core.balance;

import static dev.infergate.routing.core.balance.Fixtures.inZone;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class LocalityFailoverStrategyTest {

    private static final Map<String, Object> SETTINGS = Map.of(
            "local-zone", "eu-west-1a",
            "zone-order", List.of("eu-west-1b"),
            "saturation", 0.75,
            "default-capacity", 4,
            "within", "round-robin");

    private final BalancingStrategy strategy = BalancingStrategies.create("locality-failover", SETTINGS, new ScriptedRandom());

    @Test
    void zonesAreTriedLocalFirstThenTheConfiguredOrderThenByName() {
        // capacity 4 each; saturated at 3 in flight (0.75)
        assertThat(pick(0, 0, 0, 0)).isEqualTo("a:1");
        assertThat(pick(3, 0, 0, 0)).isEqualTo("b:1");
        assertThat(pick(3, 3, 0, 0)).isEqualTo("c:1");
        assertThat(pick(3, 3, 3, 0)).isEqualTo("d:1");
    }

    @Test
    void whenEveryZoneIsSaturatedTheLocalZoneKeepsTheRequest() {
        Choice choice = strategy.choose(pool(4, 3, 3, 3), PickHints.none());

        assertThat(choice.endpoint().endpoint()).isEqualTo("a:1");
        assertThat(choice.basis()).isEqualTo("locality-failover: every zone saturated, zone eu-west-1a; round-robin: next in turn");
    }

    @Test
    void aLocalZoneWithoutEligibleEndpointsSpillsToTheNext() {
        List<Candidate> withoutLocal = pool(0, 0, 0, 0).subList(1, 4);

        Choice choice = strategy.choose(withoutLocal, PickHints.none());

        assertThat(choice.endpoint().endpoint()).isEqualTo("b:1");
        assertThat(choice.basis()).isEqualTo("locality-failover: spilled to zone eu-west-1b; round-robin: next in turn");
    }

    @Test
    void utilizationIsTheZonesLoadOverItsCapacity() {
        // local zone: 2 + 1 in flight over 4 + 4 = 0.375 (not saturated although a1 alone is at 0.5)
        List<Candidate> pool = List.of(inZone("a1:1", "eu-west-1a", 2), inZone("a2:1", "eu-west-1a", 1), inZone("b:1", "eu-west-1b", 0));

        assertThat(strategy.choose(pool, PickHints.none()).endpoint().zone()).isEqualTo("eu-west-1a");
    }

    @Test
    void backendReportedRunningAndWaitingCountTowardsSaturation() {
        // a reports 2 running + 1 waiting of capacity 4 = 0.75 while this gateway has nothing in flight
        List<Candidate> pool = List.of(
                Fixtures.reportingInZone("a:1", "eu-west-1a", 4, 0, BackendLoad.of(1, 2, 0.1)),
                inZone("b:1", "eu-west-1b", 0));

        assertThat(strategy.choose(pool, PickHints.none()).endpoint().endpoint()).isEqualTo("b:1");
    }

    @Test
    void theWrappedStrategyChoosesInsideTheZoneAndItsPromptNeedsArePassedOn() {
        BalancingStrategy overAffinity = BalancingStrategies.create("locality-failover",
                Map.of("within", "prefix-affinity", "within-settings", Map.of("prefix-length", 64)));

        assertThat(overAffinity.promptPrefixLength()).hasValue(64);
        assertThat(overAffinity.name()).isEqualTo("locality-failover");
    }

    private String pick(int a, int b, int c, int d) {
        return strategy.choose(pool(a, b, c, d), PickHints.none()).endpoint().endpoint();
    }

    /** One endpoint per zone: local, the configured next zone, and two others whose names sort c before d. */
    private static List<Candidate> pool(int a, int b, int c, int d) {
        return List.of(inZone("d:1", "eu-west-1c", d), inZone("a:1", "eu-west-1a", a), inZone("c:1", "eu-central-1a", c),
                inZone("b:1", "eu-west-1b", b)).stream()
                .sorted((x, y) -> x.endpoint().compareTo(y.endpoint()))
                .toList();
    }
}
