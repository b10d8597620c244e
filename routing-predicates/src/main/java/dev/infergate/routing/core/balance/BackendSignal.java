package dev.infergate.routing.core.balance;

import java.time.Duration;

/**
 * A {@link BackendLoad} with where it came from and how old it was when the snapshot was taken.
 *
 * @param load the values
 * @param source a metrics scrape or a load report carried by a response
 * @param age time since it was received
 */
public record BackendSignal(BackendLoad load, Source source, Duration age) {

    /** Where backend load comes from. */
    public enum Source {
        /** The endpoint's Prometheus metrics, polled. */
        SCRAPE,
        /** The ORCA {@code endpoint-load-metrics} header of a response. */
        REPORT
    }
}
