package dev.infergate.routing.core.balance;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of {@code locality-failover}.
 *
 * @param localZone {@code local-zone}: the gateway's own zone, tried first. Default {@code local},
 *                  the zone of endpoints whose source reports none
 * @param zoneOrder {@code zone-order}: the zones to spill to, in order, after the local one; zones
 *                  not listed come after them, by name. Default empty
 * @param saturation {@code saturation}: a zone whose utilization reaches this is saturated and
 *                   skipped. Utilization is {@code Σ max(inFlight, running + waiting) / Σ capacity}
 *                   over the zone's eligible endpoints. Default 0.9: spill a little before every
 *                   batch slot is busy, so the next zone takes the overflow before requests queue
 *                   locally; the margin covers the lag of scraped signals. Must be > 0
 * @param defaultCapacity {@code default-capacity}: the capacity of endpoints whose instance
 *                        metadata has none; default 32, as for {@code capacity}
 * @param within {@code within}: the strategy that chooses inside the chosen zone; default
 *               {@code least-request}. Any strategy but {@code locality-failover}
 * @param withinSettings {@code within-settings}: the settings of {@code within}, validated by it
 */
public record LocalityFailoverSettings(String localZone, List<String> zoneOrder, double saturation,
        int defaultCapacity, String within, Map<String, Object> withinSettings) {

    public static final double DEFAULT_SATURATION = 0.9;
    public static final String DEFAULT_WITHIN = BalancingStrategies.LEAST_REQUEST;

    public LocalityFailoverSettings {
        if (localZone.isBlank()) {
            throw new IllegalArgumentException("local-zone: \"" + localZone + "\" (expected: a zone name)");
        }
        zoneOrder = List.copyOf(zoneOrder);
        Set<String> seen = new HashSet<>();
        for (String zone : zoneOrder) {
            if (zone.isBlank() || !seen.add(zone)) {
                throw new IllegalArgumentException("zone-order: " + SettingsReader.describe(zoneOrder)
                        + " (expected: distinct zone names)");
            }
        }
        if (Double.isNaN(saturation) || Double.isInfinite(saturation) || saturation <= 0) {
            throw new IllegalArgumentException("saturation: " + saturation + " (expected: > 0)");
        }
        if (defaultCapacity <= 0) {
            throw new IllegalArgumentException("default-capacity: " + defaultCapacity + " (expected: > 0)");
        }
        if (within.equals(BalancingStrategies.LOCALITY_FAILOVER) || !BalancingStrategies.NAMES.contains(within)) {
            throw new IllegalArgumentException("within: \"" + within + "\" (expected one of: "
                    + String.join(", ", BalancingStrategies.NAMES.subList(0, BalancingStrategies.NAMES.size() - 1)) + ")");
        }
        withinSettings = Collections.unmodifiableMap(new LinkedHashMap<>(withinSettings));
        try {
            BalancingStrategies.validate(within, withinSettings);
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("within-settings." + invalid.getMessage(), invalid);
        }
    }

    public static LocalityFailoverSettings defaults() {
        return new LocalityFailoverSettings(Candidate.DEFAULT_ZONE, List.of(), DEFAULT_SATURATION,
                CapacitySettings.DEFAULT_CAPACITY, DEFAULT_WITHIN, Map.of());
    }

    public static LocalityFailoverSettings from(Map<String, ?> settings) {
        SettingsReader reader = SettingsReader.of(settings, Set.of("within-settings"));
        LocalityFailoverSettings result = new LocalityFailoverSettings(
                reader.text("local-zone", Candidate.DEFAULT_ZONE),
                reader.texts("zone-order", List.of()),
                reader.number("saturation", DEFAULT_SATURATION),
                reader.integer("default-capacity", CapacitySettings.DEFAULT_CAPACITY),
                reader.text("within", DEFAULT_WITHIN),
                reader.section("within-settings"));
        reader.rejectUnknown();
        return result;
    }
}
