package dev.infergate.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/** How numbers appear in tables, and the median the tables report over rounds. */
public final class Numbers {

    private Numbers() {
    }

    /** The median, NaN values left out; NaN when nothing is left. */
    public static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(value -> !Double.isNaN(value)).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The median over rounds of one figure; NaN when there are no rounds. */
    public static <T> double median(@Nullable List<T> rounds, ToDoubleFunction<T> figure) {
        return rounds == null ? Double.NaN : median(rounds.stream().map(round -> figure.applyAsDouble(round)).toList());
    }

    /** The median over rounds of a figure minus the baseline's figure in the same round; NaN without both. */
    public static <T> double medianDifference(@Nullable List<T> rounds, @Nullable List<T> baseline, ToDoubleFunction<T> figure) {
        if (rounds == null || baseline == null) {
            return Double.NaN;
        }
        List<Double> differences = new ArrayList<>();
        for (int i = 0; i < Math.min(rounds.size(), baseline.size()); i++) {
            differences.add(figure.applyAsDouble(rounds.get(i)) - figure.applyAsDouble(baseline.get(i)));
        }
        return median(differences);
    }

    /** A figure with the precision its size deserves: 12 345, 123, 12.3, 1.23; a dash for NaN. */
    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        double size = Math.abs(value);
        if (size >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value).replace(',', ' ');
        }
        if (size >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (size >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** A ratio such as {@code 0.85×}. */
    public static String ratio(double numerator, double denominator) {
        if (Double.isNaN(numerator) || Double.isNaN(denominator) || denominator == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f×", numerator / denominator);
    }
}
