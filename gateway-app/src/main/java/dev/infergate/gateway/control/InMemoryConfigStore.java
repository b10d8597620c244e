package dev.infergate.gateway.control;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Versions in memory, for unit tests; keeps the last {@code keep} versions. */
public final class InMemoryConfigStore implements ConfigStore {

    private final Deque<ConfigVersion> versions = new ArrayDeque<>();
    private final LiveConfigurationWriter writer = new LiveConfigurationWriter();
    private final Clock clock;
    private final int keep;

    public InMemoryConfigStore(LiveConfiguration seed, Clock clock, int keep) {
        this.clock = clock;
        this.keep = keep;
        versions.addFirst(new ConfigVersion(1, "seed", clock.instant(), "", writer.contentHash(seed), seed));
    }

    @Override
    public synchronized ConfigVersion current() {
        return versions.getFirst();
    }

    @Override
    public synchronized List<ConfigVersion> history() {
        return List.copyOf(versions);
    }

    @Override
    public synchronized Optional<ConfigVersion> version(long number) {
        return versions.stream().filter(version -> version.number() == number).findFirst();
    }

    @Override
    public synchronized ConfigVersion commit(long expected, LiveConfiguration next, String author, String comment) {
        long current = current().number();
        if (current != expected) {
            throw new StaleVersionException(expected, current);
        }
        ConfigVersion version = new ConfigVersion(current + 1, author, clock.instant(), comment, writer.contentHash(next), next);
        versions.addFirst(version);
        while (versions.size() > keep) {
            versions.removeLast();
        }
        return version;
    }
}
