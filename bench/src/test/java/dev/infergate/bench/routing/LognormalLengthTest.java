package dev.infergate.bench.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class LognormalLengthTest {

    private static final int SAMPLES = 40_000;

    @Test
    void samplesHaveTheMedianAndTheSpreadOfTheirLogarithmAsConfigured() {
        LognormalLength length = new LognormalLength(500, 0.6, 1, 1_000_000);
        SplittableRandom random = new SplittableRandom(7);
        int[] samples = IntStream.range(0, SAMPLES).map(i -> length.sample(random)).sorted().toArray();

        assertThat((double) samples[SAMPLES / 2]).isCloseTo(500, within(500 * 0.03));
        double[] logs = Arrays.stream(samples).mapToDouble(Math::log).toArray();
        double mean = Arrays.stream(logs).average().orElseThrow();
        double variance = Arrays.stream(logs).map(log -> (log - mean) * (log - mean)).sum() / (logs.length - 1);
        assertThat(mean).isCloseTo(Math.log(500), within(0.02));
        assertThat(Math.sqrt(variance)).isCloseTo(0.6, within(0.02));
    }

    @Test
    void samplesStayWithinTheClampAndPileUpAtItsEnds() {
        LognormalLength length = new LognormalLength(100, 1.5, 50, 200);
        SplittableRandom random = new SplittableRandom(3);
        int[] samples = IntStream.range(0, 10_000).map(i -> length.sample(random)).toArray();

        assertThat(Arrays.stream(samples).allMatch(sample -> sample >= 50 && sample <= 200)).isTrue();
        assertThat(Arrays.stream(samples).filter(sample -> sample == 50).count()).isGreaterThan(1000);
        assertThat(Arrays.stream(samples).filter(sample -> sample == 200).count()).isGreaterThan(1000);
    }

    @Test
    void noSpreadAlwaysGivesTheMedian() {
        LognormalLength fixed = new LognormalLength(64, 0, 64, 64);
        SplittableRandom random = new SplittableRandom(1);

        assertThat(IntStream.range(0, 100).map(i -> fixed.sample(random))).containsOnly(64);
    }

    @Test
    void theSameSeedDrawsTheSameLengths() {
        LognormalLength length = new LognormalLength(128, 0.8, 1, 4096);
        SplittableRandom first = new SplittableRandom(42);
        SplittableRandom second = new SplittableRandom(42);

        assertThat(IntStream.range(0, 50).map(i -> length.sample(first)).toArray())
                .containsExactly(IntStream.range(0, 50).map(i -> length.sample(second)).toArray());
    }

    @Test
    void theMeanOfTheUnclampedDistributionFollowsFromMedianAndSigma() {
        assertThat(new LognormalLength(100, 0.6, 1, 1000).mean()).isCloseTo(100 * Math.exp(0.18), within(1e-9));
    }

    @Test
    void invalidShapesAreRefusedWithTheValues() {
        assertThatThrownBy(() -> new LognormalLength(0, 0.5, 1, 10)).hasMessage("median: 0 (expected: >= 1)");
        assertThatThrownBy(() -> new LognormalLength(5, -1, 1, 10)).hasMessage("sigma: -1.0 (expected: finite and >= 0)");
        assertThatThrownBy(() -> new LognormalLength(20, 0.5, 1, 10))
                .hasMessage("min, median, max: 1, 20, 10 (expected: 1 <= min <= median <= max)");
    }
}
