package dev.infergate.routing.core.balance;

import static dev.infergate.routing.core.balance.Fixtures.inFlight;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class PrefixAffinityStrategyTest {

    private static final String SYSTEM_PROMPT = "You are a helpful assistant.";
    private static final List<String> ENDPOINTS = List.of("10.0.0.1:8000", "10.0.0.2:8000", "10.0.0.3:8000", "10.0.0.4:8000");

    private final BalancingStrategy strategy = BalancingStrategy.prefixAffinity(PrefixAffinitySettings.defaults(), new SplittableRandom(7));

    @Test
    void aPromptPrefixAlwaysGoesToItsAffinityEndpointWhileLoadIsBalanced() {
        List<Candidate> pool = ENDPOINTS.stream().map(Fixtures::idle).toList();

        for (int i = 0; i < 3; i++) {
            Choice choice = strategy.choose(pool, PickHints.affinity(SYSTEM_PROMPT));
            assertThat(choice.endpoint().endpoint()).isEqualTo("10.0.0.4:8000");
            assertThat(choice.basis()).isEqualTo("prefix-affinity: affinity endpoint");
        }
        assertThat(strategy.promptPrefixLength()).isEqualTo(OptionalInt.of(256));
    }

    @Test
    void prefixesSpreadOverTheEndpoints() {
        List<Candidate> pool = ENDPOINTS.stream().map(Fixtures::idle).toList();
        Map<String, Integer> counts = new HashMap<>();

        for (int i = 0; i < 4_000; i++) {
            counts.merge(strategy.choose(pool, PickHints.affinity("system prompt " + i)).endpoint().endpoint(), 1, Integer::sum);
        }

        assertThat(counts).containsOnlyKeys(ENDPOINTS);
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(880, 1_120));
    }

    @Test
    void leavingOutAnEndpointMovesOnlyThePrefixesItHad() {
        List<Candidate> all = ENDPOINTS.stream().map(Fixtures::idle).toList();
        List<Candidate> withoutLast = all.subList(0, 3);

        for (int i = 0; i < 2_000; i++) {
            String key = "prompt " + i;
            String before = strategy.choose(all, PickHints.affinity(key)).endpoint().endpoint();
            String after = strategy.choose(withoutLast, PickHints.affinity(key)).endpoint().endpoint();
            if (!before.equals("10.0.0.4:8000")) {
                assertThat(after).as(key).isEqualTo(before);
            }
        }
    }

    @Test
    void anAffinityEndpointAtItsBoundHandsTheRequestToTheBestScoredEndpointWithinIt() {
        // total 5 in flight, 4 endpoints: bound = ceil(1.25 × 6 / 4) = 2; the affinity endpoint has 3
        List<Candidate> pool = List.of(inFlight("10.0.0.1:8000", 1), inFlight("10.0.0.2:8000", 1),
                inFlight("10.0.0.3:8000", 0), inFlight("10.0.0.4:8000", 3));

        Choice choice = strategy.choose(pool, PickHints.affinity(SYSTEM_PROMPT));

        assertThat(choice.endpoint().endpoint()).isEqualTo("10.0.0.3:8000");
        assertThat(choice.basis()).isEqualTo("prefix-affinity: affinity endpoint at its bound of 2, lowest score within it");
    }

    @Test
    void anAffinityEndpointJustWithinItsBoundKeepsTheRequest() {
        // total 4 in flight: bound = ceil(1.25 × 5 / 4) = 2; the affinity endpoint has 1
        List<Candidate> pool = List.of(inFlight("10.0.0.1:8000", 2), inFlight("10.0.0.2:8000", 1),
                inFlight("10.0.0.3:8000", 0), inFlight("10.0.0.4:8000", 1));

        assertThat(strategy.choose(pool, PickHints.affinity(SYSTEM_PROMPT)).endpoint().endpoint()).isEqualTo("10.0.0.4:8000");
    }

    @Test
    void aRequestWithoutAPromptIsScored() {
        List<Candidate> pool = List.of(inFlight("10.0.0.1:8000", 3), inFlight("10.0.0.2:8000", 1));

        Choice choice = strategy.choose(pool, PickHints.none());

        assertThat(choice.endpoint().endpoint()).isEqualTo("10.0.0.2:8000");
        assertThat(choice.basis()).isEqualTo("prefix-affinity: no prefix key, lowest score");
    }

    @Test
    void noEndpointEverHoldsMoreThanItsBound() {
        SplittableRandom workload = new SplittableRandom(42);
        int endpoints = ENDPOINTS.size();
        int[] inFlight = new int[endpoints];
        List<String> hotAndCold = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hotAndCold.add("prompt " + i);
        }
        int checked = 0;
        List<String> violations = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            int total = 0;
            for (int load : inFlight) {
                total += load;
            }
            if (total > 0 && workload.nextInt(100) < 45) {
                int finishing = workload.nextInt(endpoints);
                if (inFlight[finishing] > 0) {
                    inFlight[finishing]--;
                }
                continue;
            }
            // 70 % of the requests share one hot prefix, the rest spread over 19 others
            String key = workload.nextInt(100) < 70 ? hotAndCold.get(0) : hotAndCold.get(1 + workload.nextInt(19));
            List<Candidate> pool = new ArrayList<>();
            for (int i = 0; i < endpoints; i++) {
                pool.add(inFlight(ENDPOINTS.get(i), inFlight[i]));
            }
            int chosen = pool.indexOf(strategy.choose(pool, PickHints.affinity(key)).endpoint());
            inFlight[chosen]++;
            long bound = (long) Math.ceil(1.25 * (total + 1) / endpoints);
            if (inFlight[chosen] > bound) {
                violations.add("step " + step + ": " + inFlight[chosen] + " in flight, bound " + bound);
            }
            checked++;
        }
        assertThat(violations).isEmpty();
        assertThat(checked).isGreaterThan(10_000);
    }
}
