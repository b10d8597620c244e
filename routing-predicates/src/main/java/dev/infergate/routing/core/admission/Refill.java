package dev.infergate.routing.core.admission;

/**
 * How a bandwidth refills: {@link #GREEDY} adds tokens continuously ({@code tokens / period} at a
 * time, as soon as a whole token is due), {@link #INTERVALLY} adds all {@code tokens} at once when
 * each period ends (a fixed window).
 */
public enum Refill {
    GREEDY("greedy"),
    INTERVALLY("intervally");

    private final String configName;

    Refill(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
