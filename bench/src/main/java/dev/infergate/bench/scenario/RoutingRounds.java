package dev.infergate.bench.scenario;

import dev.infergate.bench.contender.RoutingTarget;
import dev.infergate.bench.routing.ResultRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Folds the rounds of the routing sets into one row per contender, and lays rows out for charts. */
final class RoutingRounds {

    private RoutingRounds() {
    }

    /**
     * Per key (a load) and contender, the row of the round with the median TTFT p99 (the lower
     * middle one for an even count): a whole run's row, so its figures stay consistent with each
     * other, as a median of each column would not be.
     */
    static <K> Map<K, List<ResultRow>> medians(Map<K, List<ResultRow>> rows, List<RoutingTarget> targets) {
        Map<K, List<ResultRow>> medians = new LinkedHashMap<>();
        rows.forEach((key, all) -> {
            List<ResultRow> chosen = new ArrayList<>();
            for (RoutingTarget target : targets) {
                List<ResultRow> mine = all.stream().filter(row -> row.contender().equals(target.name()))
                        .sorted(Comparator.comparingDouble(row -> nanLast(row.report().ttft().p99()))).toList();
                if (!mine.isEmpty()) {
                    chosen.add(mine.get((mine.size() - 1) / 2));
                }
            }
            medians.put(key, chosen);
        });
        return medians;
    }

    /** {@code values[contender][key]} for a bar chart with one series per key. */
    static <K> List<List<Double>> byContender(Map<K, List<ResultRow>> rows, List<String> contenders,
            ToDoubleFunction<ResultRow> figure) {
        List<List<Double>> values = new ArrayList<>();
        for (String contender : contenders) {
            List<Double> mine = new ArrayList<>();
            for (List<ResultRow> atKey : rows.values()) {
                mine.add(atKey.stream().filter(row -> row.contender().equals(contender)).findFirst()
                        .map(figure::applyAsDouble).orElse(Double.NaN));
            }
            values.add(mine);
        }
        return values;
    }

    private static double nanLast(double value) {
        return Double.isNaN(value) ? Double.MAX_VALUE : value;
    }
}
