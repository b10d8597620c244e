package dev.infergate.routing.core.balance;

import static dev.infergate.routing.core.balance.Fixtures.idle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RoundRobinStrategyTest {

    private final BalancingStrategy strategy = BalancingStrategy.roundRobin();

    @Test
    void everyEndpointIsChosenInTurnStartingWithTheFirst() {
        List<Candidate> pool = List.of(idle("a:1"), idle("b:1"), idle("c:1"));

        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            picks.add(strategy.choose(pool, PickHints.none()).endpoint().endpoint());
        }

        assertThat(picks).containsExactly("a:1", "b:1", "c:1", "a:1", "b:1", "c:1", "a:1");
        assertThat(strategy.name()).isEqualTo("round-robin");
    }

    @Test
    void loadIsIgnored() {
        List<Candidate> pool = List.of(Fixtures.inFlight("busy:1", 100), idle("idle:1"));

        assertThat(strategy.choose(pool, PickHints.none()).endpoint().endpoint()).isEqualTo("busy:1");
    }

    @Test
    void anEmptyListIsAProgrammingError() {
        assertThatThrownBy(() -> strategy.choose(List.of(), PickHints.none()))
                .hasMessage("eligible: [] (expected: at least one candidate)");
    }
}
