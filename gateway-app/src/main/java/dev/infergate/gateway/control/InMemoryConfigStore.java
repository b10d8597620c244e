package dev.infergate.gateway.control;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Versions in memory, for unit tests; keeps the last {@code keep} versions. */
public final class InMemoryConfigStore implements ConfigStore {

    private final VersionHistory history;
    private final Clock clock;

    public InMemoryConfigStore(LiveConfiguration seed, Clock clock, int keep) {
        this.clock = clock;
        this.history = new VersionHistory(keep);
        history.add(history.create(1, seed, "seed", "", clock));
    }

    @Override
    public synchronized ConfigVersion current() {
        return history.current();
    }

    @Override
    public synchronized List<ConfigVersion> history() {
        return history.all();
    }

    @Override
    public synchronized Optional<ConfigVersion> version(long number) {
        return history.find(number);
    }

    @Override
    public synchronized ConfigVersion commit(long expected, LiveConfiguration next, String author, String comment) {
        ConfigVersion version = history.next(expected, next, author, comment, clock);
        history.add(version);
        return version;
    }
}
