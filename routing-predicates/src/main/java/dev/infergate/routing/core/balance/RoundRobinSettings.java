package dev.infergate.routing.core.balance;

import java.util.Map;

/** {@code round-robin} takes no settings: any key is rejected. */
public record RoundRobinSettings() {

    public static RoundRobinSettings from(Map<String, ?> settings) {
        SettingsReader.of(settings).rejectUnknown();
        return new RoundRobinSettings();
    }
}
