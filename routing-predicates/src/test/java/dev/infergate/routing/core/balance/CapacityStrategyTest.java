package dev.infergate.routing.core.balance;

import static dev.infergate.routing.core.balance.Fixtures.candidate;
import static dev.infergate.routing.core.balance.Fixtures.local;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

final class CapacityStrategyTest {

    // capacity 32 each. Default weights: queue 2, kv-cache 1, in-flight 1, latency 0.5, errors 2.
    // a: 2×4/32 + 0.5 + 8/32 + 0.5×0   + 0        = 1.0
    // b: 0      + 0.75 + 4/32 + 0.5×1   + 0        = 1.375
    // c: 0      + 0    + 2/32 + 0.5×0.5 + 2×0.25   = 0.8125  (no backend load: its scrape is stale)
    private static final List<Candidate> POOL = List.of(
            candidate("a:1", 32, local(8, 100, 0), BackendLoad.of(4, 8, 0.5)),
            candidate("b:1", 32, local(4, 300, 0), BackendLoad.of(0, 4, 0.75)),
            Candidate.of(new LoadSnapshot("c:1", local(2, 200, 0.25), java.util.Optional.empty())));

    @Test
    void theLowestScoreWinsWithTheDefaultWeights() {
        BalancingStrategy strategy = BalancingStrategy.capacity(CapacitySettings.defaults(), new ScriptedRandom());

        Choice choice = strategy.choose(POOL, PickHints.none());

        assertThat(choice.endpoint().endpoint()).isEqualTo("c:1");
        assertThat(choice.score()).isEqualTo(OptionalDouble.of(0.8125));
        assertThat(CapacityScore.scores(POOL, CapacitySettings.defaults())).containsExactly(1.0, 1.375, 0.8125);
    }

    @Test
    void weightsChangeThePick() {
        // latency 4: a = 1.0, b = 0.875 + 4 = 4.875, c = 0.0625 + 2 + 0.5 = 2.5625
        CapacitySettings latencyFirst = CapacitySettings.from(Map.of("weights", Map.of("latency", 4)));

        Choice choice = BalancingStrategy.capacity(latencyFirst, new ScriptedRandom()).choose(POOL, PickHints.none());

        assertThat(choice.endpoint().endpoint()).isEqualTo("a:1");
        assertThat(choice.score()).isEqualTo(OptionalDouble.of(1.0));
    }

    @Test
    void inFlightCountsRelativeToEachEndpointsCapacity() {
        List<Candidate> pool = List.of(Fixtures.withCapacity("small:1", 16, 8), Fixtures.withCapacity("large:1", 64, 24));

        // small: 8/16 = 0.5; large: 24/64 = 0.375
        assertThat(BalancingStrategy.capacity(CapacitySettings.defaults(), new ScriptedRandom())
                .choose(pool, PickHints.none()).endpoint().endpoint()).isEqualTo("large:1");
    }

    @Test
    void endpointsWithoutMetadataUseTheDefaultCapacity() {
        List<Candidate> pool = List.of(Fixtures.withCapacity("known:1", 8, 2), Fixtures.inFlight("unknown:1", 6));

        // known: 2/8 = 0.25; unknown with default-capacity 32: 6/32 = 0.1875
        assertThat(BalancingStrategy.capacity(CapacitySettings.defaults(), new ScriptedRandom())
                .choose(pool, PickHints.none()).endpoint().endpoint()).isEqualTo("unknown:1");
    }

    @Test
    void aFastFailingEndpointDoesNotAttractTraffic() {
        List<Candidate> pool = List.of(
                Candidate.of(LoadSnapshot.local("failing:1", local(0, 5, 0.5))),
                Candidate.of(LoadSnapshot.local("healthy:1", local(12, 400, 0))));

        // failing: 0.5×0 + 2×0.5 = 1.0; healthy: 12/32 + 0.5×1 = 0.875
        assertThat(BalancingStrategy.capacity(CapacitySettings.defaults(), new ScriptedRandom())
                .choose(pool, PickHints.none()).endpoint().endpoint()).isEqualTo("healthy:1");
    }

    @Test
    void equalScoresAreBrokenAtRandom() {
        List<Candidate> pool = List.of(Fixtures.idle("a:1"), Fixtures.idle("b:1"), Fixtures.idle("c:1"));
        ScriptedRandom random = new ScriptedRandom().then(3, 2);

        assertThat(BalancingStrategy.capacity(CapacitySettings.defaults(), random)
                .choose(pool, PickHints.none()).endpoint().endpoint()).isEqualTo("c:1");
    }
}
