package dev.infergate.gateway.control;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The versions a store keeps, newest first, and the optimistic check every commit passes. Stores
 * add persistence around it; not thread-safe by itself (stores synchronise).
 */
final class VersionHistory {

    private final List<ConfigVersion> versions = new ArrayList<>();
    private final LiveConfigurationWriter writer = new LiveConfigurationWriter();
    private final int keep;

    VersionHistory(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep: " + keep + " (expected: >= 1)");
        }
        this.keep = keep;
    }

    boolean isEmpty() {
        return versions.isEmpty();
    }

    ConfigVersion current() {
        return versions.get(0);
    }

    List<ConfigVersion> all() {
        return List.copyOf(versions);
    }

    Optional<ConfigVersion> find(long number) {
        return versions.stream().filter(version -> version.number() == number).findFirst();
    }

    /**
     * The version that would follow {@code expected}.
     *
     * @throws StaleVersionException when {@code expected} is not the current version
     */
    ConfigVersion next(long expected, LiveConfiguration configuration, String author, String comment, Clock clock) {
        long current = current().number();
        if (current != expected) {
            throw new StaleVersionException(expected, current);
        }
        return create(current + 1, configuration, author, comment, clock);
    }

    ConfigVersion create(long number, LiveConfiguration configuration, String author, String comment, Clock clock) {
        return new ConfigVersion(number, author, clock.instant(), comment, writer.contentHash(configuration), configuration);
    }

    /** Adds the newest version; returns the versions that fell out of the kept window. */
    List<ConfigVersion> add(ConfigVersion version) {
        versions.add(0, version);
        List<ConfigVersion> dropped = new ArrayList<>();
        while (versions.size() > keep) {
            dropped.add(versions.remove(versions.size() - 1));
        }
        return dropped;
    }

    /** Adds a version read back from storage, oldest last. */
    void load(ConfigVersion version) {
        if (versions.size() < keep) {
            versions.add(version);
        }
    }
}
