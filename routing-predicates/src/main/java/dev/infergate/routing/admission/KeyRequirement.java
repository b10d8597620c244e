package dev.infergate.routing.admission;

/** Whether a route answers 401 to a request without a known API key. */
public enum KeyRequirement {
    /** Missing or unknown key: 401. */
    REQUIRED("required"),
    /** Anonymous requests pass; only route-scoped limits apply to them. */
    OPTIONAL("optional");

    private final String configName;

    KeyRequirement(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
