package dev.infergate.routing.core.balance;

/**
 * A monotonic clock in nanoseconds, injected so that signal ages, averages and ejections can be
 * tested on a fake clock. Only differences between readings are meaningful.
 */
@FunctionalInterface
public interface NanoClock {

    long nanoTime();

    /** {@link System#nanoTime()}. */
    static NanoClock system() {
        return System::nanoTime;
    }
}
