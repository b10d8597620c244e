package dev.infergate.bench.scenario;

import java.util.Locale;

/** Progress lines on standard output, each with the seconds since the run started. */
final class Progress {

    private static final long START = System.nanoTime();

    private Progress() {
    }

    static void say(String message) {
        System.out.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - START) / 1e9, message);
        System.out.flush();
    }
}
