package dev.infergate.gateway.control;

import java.util.List;
import java.util.Optional;

/**
 * Keeps the versions of the live configuration. Commits are optimistic: a commit names the
 * version it was based on and fails with {@link StaleVersionException} when another commit came
 * first, so a file, a Kubernetes ConfigMap (by {@code resourceVersion}) or memory can back it.
 *
 * <p>Implementations may block (file I/O, remote calls): never call them on an event loop.
 */
public interface ConfigStore {

    /** The newest version; a store always has at least its seed. */
    ConfigVersion current();

    /** The versions kept, newest first. */
    List<ConfigVersion> history();

    Optional<ConfigVersion> version(long number);

    /**
     * Stores {@code next} as version {@code expected + 1}.
     *
     * @throws StaleVersionException when the current version is not {@code expected}
     */
    ConfigVersion commit(long expected, LiveConfiguration next, String author, String comment);
}
