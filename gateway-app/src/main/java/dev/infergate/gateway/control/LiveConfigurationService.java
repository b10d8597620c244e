package dev.infergate.gateway.control;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one writer path of the live configuration: every change (admin API, console, seed file,
 * rollback, import) is validated by the {@link ConfigurationValidator}, stored as the next version
 * by the {@link ConfigStore}, then made live through the {@link LiveConfigurationHolder}, which
 * refreshes routes and pools. In-flight requests keep the route they matched.
 *
 * <p>Blocking (the store writes files, pools are warmed): call it off the event loop.
 */
public final class LiveConfigurationService {

    private final ConfigStore store;
    private final ConfigurationValidator validator;
    private final LiveConfigurationHolder holder;
    private final LiveConfigurationWriter writer = new LiveConfigurationWriter();

    public LiveConfigurationService(ConfigStore store, ConfigurationValidator validator, LiveConfigurationHolder holder) {
        this.store = store;
        this.validator = validator;
        this.holder = holder;
    }

    public ConfigStore store() {
        return store;
    }

    public ConfigVersion current() {
        return store.current();
    }

    /** The current document in canonical form, a fresh copy the caller may modify. */
    public ObjectNode currentDocument() {
        return writer.document(store.current().configuration());
    }

    /**
     * Validates {@code next} and makes it live as the version after {@code expected}.
     *
     * @throws InvalidConfigurationException with every problem; nothing is stored
     * @throws StaleVersionException when another change came after {@code expected}
     */
    public synchronized ConfigVersion commit(long expected, JsonNode next, String author, String comment) {
        LiveConfiguration configuration = validator.validate(next);
        ConfigVersion version = store.commit(expected, configuration, author, comment);
        holder.replace(configuration);
        return version;
    }

    /** Validates without storing anything. */
    public LiveConfiguration dryRun(JsonNode document) {
        return validator.validate(document);
    }

    public ConfigurationValidator validator() {
        return validator;
    }
}
