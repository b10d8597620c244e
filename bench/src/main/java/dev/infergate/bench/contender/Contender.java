package dev.infergate.bench.contender;

/**
 * A system under test. {@link #launch} starts it (configured to proxy every path to the backend)
 * and returns without waiting; {@link Running#awaitReady} waits, so that several contenders can
 * start at once.
 */
public interface Contender {

    /** The name in tables and on the command line, e.g. {@code nginx}. */
    String name();

    Running launch(ContenderContext context);
}
