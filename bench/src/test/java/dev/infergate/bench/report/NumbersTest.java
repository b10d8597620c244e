package dev.infergate.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class NumbersTest {

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwoAndNaNIsLeftOut() {
        assertThat(Numbers.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Numbers.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        assertThat(Numbers.median(List.of(Double.NaN, 5.0))).isEqualTo(5.0);
        assertThat(Numbers.median(List.of())).isNaN();
    }

    @Test
    void figuresGetThePrecisionTheirSizeDeserves() {
        assertThat(Numbers.format(12345.6)).isEqualTo("12 346");
        assertThat(Numbers.format(123.4)).isEqualTo("123");
        assertThat(Numbers.format(12.34)).isEqualTo("12.3");
        assertThat(Numbers.format(1.234)).isEqualTo("1.23");
        assertThat(Numbers.format(Double.NaN)).isEqualTo("–");
        assertThat(Numbers.ratio(1, 2)).isEqualTo("0.50×");
        assertThat(Numbers.ratio(1, 0)).isEqualTo("–");
    }
}
