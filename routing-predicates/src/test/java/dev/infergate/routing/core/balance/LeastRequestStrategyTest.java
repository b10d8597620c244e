package dev.infergate.routing.core.balance;

import static dev.infergate.routing.core.balance.Fixtures.inFlight;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class LeastRequestStrategyTest {

    private static final List<Candidate> POOL = List.of(inFlight("a:1", 5), inFlight("b:1", 2), inFlight("c:1", 7), inFlight("d:1", 1));

    @Test
    void ofTwoRandomEndpointsTheOneWithFewerRequestsInFlightIsChosen() {
        // draws a (index 0), then from [b, c, d] index 1 of the rest: c
        ScriptedRandom random = new ScriptedRandom().then(4, 0).then(3, 1);
        BalancingStrategy strategy = BalancingStrategy.leastRequest(LeastRequestSettings.defaults(), random);

        Choice choice = strategy.choose(POOL, PickHints.none());

        assertThat(choice.endpoint().endpoint()).isEqualTo("a:1");
        assertThat(choice.basis()).isEqualTo("least-request: fewest in flight of 2 drawn");
        assertThat(random.exhausted()).isTrue();
    }

    @Test
    void theSecondDrawNeverRepeatsTheFirst() {
        // draws d (index 3, swapped to the front), then index 0 of the rest [b, c, a]: b
        ScriptedRandom random = new ScriptedRandom().then(4, 3).then(3, 0);
        BalancingStrategy strategy = BalancingStrategy.leastRequest(LeastRequestSettings.defaults(), random);

        assertThat(strategy.choose(POOL, PickHints.none()).endpoint().endpoint()).isEqualTo("d:1");
    }

    @Test
    void onATieTheFirstDrawnIsChosen() {
        ScriptedRandom random = new ScriptedRandom().then(2, 1).then(1, 0);
        BalancingStrategy strategy = BalancingStrategy.leastRequest(LeastRequestSettings.defaults(), random);

        assertThat(strategy.choose(List.of(inFlight("a:1", 3), inFlight("b:1", 3)), PickHints.none()).endpoint().endpoint())
                .isEqualTo("b:1");
    }

    @Test
    void asManyChoicesAsEndpointsFindTheLeastLoaded() {
        ScriptedRandom random = new ScriptedRandom().then(4, 0).then(3, 0).then(2, 0).then(1, 0);
        BalancingStrategy strategy = BalancingStrategy.leastRequest(new LeastRequestSettings(8), random);

        assertThat(strategy.choose(POOL, PickHints.none()).endpoint().endpoint()).isEqualTo("d:1");
    }

    @Test
    void aSingleCandidateNeedsNoDraw() {
        BalancingStrategy strategy = BalancingStrategy.leastRequest(LeastRequestSettings.defaults(), new ScriptedRandom());

        assertThat(strategy.choose(List.of(inFlight("only:1", 9)), PickHints.none()).basis())
                .isEqualTo("least-request: only candidate");
    }
}
