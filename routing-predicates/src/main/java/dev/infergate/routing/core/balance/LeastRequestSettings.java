package dev.infergate.routing.core.balance;

import java.util.Map;

/**
 * Settings of {@code least-request}.
 *
 * @param choices {@code choices}: how many distinct endpoints are drawn at random before the one
 *                with the fewest requests in flight is taken. Default 2, the "power of two choices":
 *                it avoids the herding of always taking the global minimum (every gateway replica
 *                and every burst would pile onto the same endpoint), and its expected maximum load
 *                is already exponentially better than one random choice; more choices add little
 *                (Mitzenmacher, and Envoy's {@code choice_count} default of 2)
 */
public record LeastRequestSettings(int choices) {

    public static final int DEFAULT_CHOICES = 2;

    public LeastRequestSettings {
        if (choices < 2) {
            throw new IllegalArgumentException("choices: " + choices + " (expected: >= 2)");
        }
    }

    public static LeastRequestSettings defaults() {
        return new LeastRequestSettings(DEFAULT_CHOICES);
    }

    public static LeastRequestSettings from(Map<String, ?> settings) {
        SettingsReader reader = SettingsReader.of(settings);
        int choices = reader.integer("choices", DEFAULT_CHOICES);
        reader.rejectUnknown();
        return new LeastRequestSettings(choices);
    }
}
