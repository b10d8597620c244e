package dev.infergate.routing.balancer;

import dev.infergate.routing.core.balance.BackendLoad;

/** What one scrape of one endpoint gave. */
public sealed interface ScrapeOutcome {

    String endpoint();

    /** The page was read; its load is now the endpoint's scraped signal. */
    record Scraped(String endpoint, BackendLoad load) implements ScrapeOutcome {
    }

    /**
     * No usable page: a connection error, a timeout, a status other than 200, a page over the size
     * limit, or a page without valid load metrics. The endpoint is balanced on local signals.
     */
    record Failed(String endpoint, String reason) implements ScrapeOutcome {
    }
}
