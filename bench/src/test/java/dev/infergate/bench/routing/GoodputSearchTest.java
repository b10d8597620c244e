package dev.infergate.bench.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class GoodputSearchTest {

    private static final List<Double> RATES = IntStream.rangeClosed(4, 20).mapToObj(tenth -> tenth * 1.0).toList();

    @ParameterizedTest
    @ValueSource(doubles = {3.5, 4, 4.5, 8, 11, 13.9, 19, 20, 25})
    void findsTheHighestSustainedRateWithinLogarithmicallyManyProbes(double limit) {
        List<Double> probed = new ArrayList<>();
        double goodput = search(new GoodputSearch(RATES), rate -> rate <= limit, probed);

        double expected = RATES.stream().filter(rate -> rate <= limit).mapToDouble(Double::doubleValue).max().orElse(0);
        assertThat(goodput).isEqualTo(expected);
        assertThat(probed.size()).isLessThanOrEqualTo((int) Math.ceil(Math.log(RATES.size() + 1) / Math.log(2)));
    }

    @Test
    void aMeasurementFedInFirstIsNotRepeated() {
        GoodputSearch search = new GoodputSearch(RATES);
        search.record(8.0, true);
        List<Double> probed = new ArrayList<>();

        double goodput = search(search, rate -> rate <= 12, probed);

        assertThat(goodput).isEqualTo(12.0);
        assertThat(probed).doesNotContain(8.0).allMatch(rate -> rate > 8);
    }

    @Test
    void theLowestRateFailingGivesZeroAndTheHighestPassingSaysSo() {
        GoodputSearch none = new GoodputSearch(RATES);
        assertThat(search(none, rate -> false, new ArrayList<>())).isZero();
        assertThat(none.atCeiling()).isFalse();

        GoodputSearch all = new GoodputSearch(RATES);
        assertThat(search(all, rate -> true, new ArrayList<>())).isEqualTo(20.0);
        assertThat(all.atCeiling()).isTrue();
    }

    @Test
    void aPassAboveAKnownFailureIsOverruledByTheFailure() {
        GoodputSearch search = new GoodputSearch(RATES);
        search.record(10.0, false);
        search.record(12.0, true);

        assertThat(search.goodput()).isEqualTo(9.0);
        assertThat(search.next()).isEmpty();
    }

    @Test
    void ratesMustBeKnownAndIncreasing() {
        assertThatThrownBy(() -> new GoodputSearch(List.of(1.0, 1.0))).hasMessage("rates: [1.0, 1.0] (expected: strictly increasing)");
        assertThatThrownBy(() -> new GoodputSearch(RATES).record(4.5, true)).hasMessageStartingWith("rate 4.5 is not one of [4.0,");
    }

    private static double search(GoodputSearch search, DoublePredicate sustained, List<Double> probed) {
        for (OptionalDouble next = search.next(); next.isPresent(); next = search.next()) {
            probed.add(next.getAsDouble());
            search.record(next.getAsDouble(), sustained.test(next.getAsDouble()));
        }
        return search.goodput();
    }
}
