package dev.infergate.routing.core.balance;

import static dev.infergate.routing.core.balance.Fixtures.idle;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class EndpointSelectionTest {

    private static final List<Candidate> POOL = List.of(idle("a:1"), idle("b:1"), idle("c:1"));

    private final FakeClock clock = new FakeClock();
    private final EndpointHealth health = EndpointHealth.inMemory(clock);
    private final BalancingStrategy roundRobin = BalancingStrategy.roundRobin();

    @Test
    void ejectedAndTriedEndpointsAreLeftOut() {
        health.eject("a:1", Duration.ofSeconds(30));

        Pick pick = EndpointSelection.select(roundRobin, POOL, Set.of("b:1"), health, PickHints.none());

        assertThat(pick).isInstanceOfSatisfying(Pick.Picked.class,
                picked -> assertThat(picked.choice().endpoint().endpoint()).isEqualTo("c:1"));
    }

    @Test
    void anEjectedEndpointReturnsWhenItsEjectionExpires() {
        health.eject("a:1", Duration.ofSeconds(30));
        Set<String> tried = Set.of("b:1", "c:1");

        assertThat(EndpointSelection.select(roundRobin, POOL, tried, health, PickHints.none()))
                .isEqualTo(new Pick.Unavailable(Pick.Reason.ALL_EJECTED_OR_TRIED, 3));
        clock.advance(Duration.ofSeconds(30));
        assertThat(EndpointSelection.select(roundRobin, POOL, tried, health, PickHints.none()))
                .isInstanceOf(Pick.Picked.class);
    }

    @Test
    void whenNothingIsLeftThePickSaysWhy() {
        assertThat(EndpointSelection.select(roundRobin, List.of(), Set.of(), health, PickHints.none()))
                .isEqualTo(new Pick.Unavailable(Pick.Reason.NO_ENDPOINTS, 0));
        assertThat(EndpointSelection.select(roundRobin, POOL, Set.of("a:1", "b:1", "c:1"), health, PickHints.none()))
                .isEqualTo(new Pick.Unavailable(Pick.Reason.ALL_TRIED, 3));
        POOL.forEach(candidate -> health.eject(candidate.endpoint(), Duration.ofSeconds(5)));
        Pick allEjected = EndpointSelection.select(roundRobin, POOL, Set.of(), health, PickHints.none());
        assertThat(allEjected).isEqualTo(new Pick.Unavailable(Pick.Reason.ALL_EJECTED, 3));
        assertThat(((Pick.Unavailable) allEjected).message()).isEqualTo("every endpoint of the pool is ejected");
    }

    @Test
    void noStrategyEverPicksAnExcludedEndpoint() {
        SplittableRandom random = new SplittableRandom(3);
        List<Candidate> pool = List.of(idle("a:1"), idle("b:1"), idle("c:1"), idle("d:1"), idle("e:1"));
        for (String name : BalancingStrategies.NAMES) {
            BalancingStrategy strategy = BalancingStrategies.create(name, java.util.Map.of(), random);
            for (int i = 0; i < 500; i++) {
                Set<String> tried = new HashSet<>();
                Set<String> ejected = new HashSet<>();
                EndpointHealth view = EndpointHealth.inMemory(clock);
                for (Candidate candidate : pool) {
                    int roll = random.nextInt(3);
                    if (roll == 0) {
                        tried.add(candidate.endpoint());
                    } else if (roll == 1) {
                        ejected.add(candidate.endpoint());
                        view.eject(candidate.endpoint(), Duration.ofSeconds(1));
                    }
                }
                Pick pick = EndpointSelection.select(strategy, pool, tried, view, PickHints.affinity("k" + i));
                if (pick instanceof Pick.Picked picked) {
                    assertThat(picked.choice().endpoint().endpoint()).isNotIn(tried).isNotIn(ejected);
                } else {
                    assertThat(tried.size() + ejected.size()).isEqualTo(pool.size());
                }
            }
        }
    }
}
