package dev.infergate.routing.core.admission;

/** What a limit counts: requests, or LLM tokens (prompt plus completion). */
public enum LimitUnit {
    REQUESTS("requests"),
    TOKENS("tokens");

    private final String configName;

    LimitUnit(String configName) {
        this.configName = configName;
    }

    /** The name in the configuration and in the {@code qu} parameter of {@code RateLimit-Policy}. */
    public String configName() {
        return configName;
    }
}
