package dev.infergate.routing.core.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TrafficSplitTest {

    private static final int KEYS = 100_000;
    /** Chi-square critical values at the 99.9 % level (upper tail 0.001). */
    private static final double CHI_SQUARE_999_DF1 = 10.828;
    private static final double CHI_SQUARE_999_DF2 = 13.816;

    @Test
    void distinctKeysOnANinetyTenSplitFallWithinTheChiSquareBound() {
        TrafficSplit split = split(90, 10);

        long[] observed = countAssignments(split);

        assertThat(chiSquare(observed, new double[] {0.9, 0.1})).isLessThan(CHI_SQUARE_999_DF1);
    }

    @Test
    void distinctKeysOnASixtyThirtyTenSplitFallWithinTheChiSquareBound() {
        TrafficSplit split = split(60, 30, 10);

        long[] observed = countAssignments(split);

        assertThat(chiSquare(observed, new double[] {0.6, 0.3, 0.1})).isLessThan(CHI_SQUARE_999_DF2);
    }

    @Test
    void theSameKeyGetsTheSameDestinationOnEveryOneOfTenCalls() {
        TrafficSplit split = split(90, 10);

        for (int key = 0; key < 1_000; key++) {
            String first = split.assign(key(key)).destination();
            for (int call = 1; call < 10; call++) {
                assertThat(split(90, 10).assign(key(key)).destination()).isEqualTo(first);
            }
        }
    }

    @Test
    void raisingTheCanaryFromFiveToTenPercentMovesFivePercentOfKeysFromStableToCanaryAndNoneBack() {
        TrafficSplit before = split(95, 5);
        TrafficSplit after = split(90, 10);
        int stableToCanary = 0;
        int canaryToStable = 0;

        for (int key = 0; key < KEYS; key++) {
            String was = before.assign(key(key)).destination();
            String is = after.assign(key(key)).destination();
            if (was.equals("d0") && is.equals("d1")) {
                stableToCanary++;
            } else if (was.equals("d1") && is.equals("d0")) {
                canaryToStable++;
            }
        }

        assertThat(stableToCanary).isBetween(4_500, 5_500);
        assertThat(canaryToStable).isZero();
    }

    @Test
    void raisingOneOfThreeDestinationsMovesNoKeyBetweenTheOtherTwo() {
        assertOnlyMovesInto(split(50, 30, 20), split(50, 30, 40), "d2");
        // The other two scaled down proportionally (5:3 kept) while the third rises.
        assertOnlyMovesInto(split(50, 30, 20), split(40, 24, 36), "d2");
        assertOnlyMovesInto(split(50, 30, 20), split(50, 60, 20), "d1");
    }

    @Test
    void aDestinationOfWeightZeroIsNeverAssignedNorDrawnButCanBeForced() {
        TrafficSplit split = split(0, 10, 0);
        RandomGenerator random = new SplittableRandom(7);

        for (int key = 0; key < 10_000; key++) {
            assertThat(split.assign(key(key)).destination()).isEqualTo("d1");
            assertThat(split.draw(random).destination()).isEqualTo("d1");
        }
        assertThat(split.force("d0")).contains(new SplitDecision("d0", 0, SplitDecision.Method.FORCED));
        assertThat(split.force("nope")).isEmpty();
    }

    @ParameterizedTest(name = "a draw at {0} of the total weight goes to {1}")
    @CsvSource({"0.0, d0", "0.5999, d0", "0.6, d1", "0.8999, d1", "0.9, d2", "0.999999, d2"})
    void aDrawPicksTheDestinationWhoseCumulativeWeightFirstExceedsThePoint(double point, String expected) {
        TrafficSplit split = split(60, 30, 10);

        SplitDecision decision = split.draw(fixed(point));

        assertThat(decision.destination()).isEqualTo(expected);
        assertThat(decision.method()).isEqualTo(SplitDecision.Method.RANDOM);
    }

    @Test
    void randomDrawsFollowTheWeights() {
        TrafficSplit split = split(60, 30, 10);
        RandomGenerator random = new SplittableRandom(42);
        long[] observed = new long[3];

        for (int i = 0; i < KEYS; i++) {
            observed[split.draw(random).index()]++;
        }

        assertThat(chiSquare(observed, new double[] {0.6, 0.3, 0.1})).isLessThan(CHI_SQUARE_999_DF2);
    }

    @Test
    void aHashedDecisionSaysItWasHashed() {
        SplitDecision decision = split(90, 10).assign("user-1");

        assertThat(decision.method()).isEqualTo(SplitDecision.Method.HASHED);
        assertThat(decision.destination()).isEqualTo("d" + decision.index());
    }

    @Test
    void invalidSplitsAreRejectedWithTheExpectedValues() {
        assertThatThrownBy(() -> TrafficSplit.of(List.of()))
                .hasMessage("destinations: [] (expected: at least one destination)");
        assertThatThrownBy(() -> TrafficSplit.of(List.of(new WeightedDestination("a", 1), new WeightedDestination("a", 2))))
                .hasMessage("destinations[1].name: \"a\" (expected: unique names)");
        assertThatThrownBy(() -> TrafficSplit.of(List.of(new WeightedDestination("a", 0))))
                .hasMessage("destinations: total weight 0 (expected: > 0)");
        assertThatThrownBy(() -> new WeightedDestination("a", -5)).hasMessage("weight: -5 (expected: >= 0)");
        assertThatThrownBy(() -> new WeightedDestination(" ", 1)).hasMessage("name: \" \" (expected: not blank)");
    }

    private static void assertOnlyMovesInto(TrafficSplit before, TrafficSplit after, String raised) {
        int moved = 0;
        for (int key = 0; key < KEYS; key++) {
            String was = before.assign(key(key)).destination();
            String is = after.assign(key(key)).destination();
            if (!was.equals(is)) {
                assertThat(is).as("key %s moved from %s", key(key), was).isEqualTo(raised);
                moved++;
            }
        }
        assertThat(moved).isPositive();
    }

    private static long[] countAssignments(TrafficSplit split) {
        long[] observed = new long[split.destinations().size()];
        for (int key = 0; key < KEYS; key++) {
            observed[split.assign(key(key)).index()]++;
        }
        return observed;
    }

    private static double chiSquare(long[] observed, double[] shares) {
        long total = 0;
        for (long count : observed) {
            total += count;
        }
        double statistic = 0;
        for (int i = 0; i < observed.length; i++) {
            double expected = total * shares[i];
            statistic += (observed[i] - expected) * (observed[i] - expected) / expected;
        }
        return statistic;
    }

    private static TrafficSplit split(int... weights) {
        return TrafficSplit.of(IntStream.range(0, weights.length)
                .mapToObj(i -> new WeightedDestination("d" + i, weights[i]))
                .toList());
    }

    private static String key(int i) {
        return "user-" + i;
    }

    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextDouble is drawn");
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
