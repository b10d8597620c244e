package dev.infergate.routing.core.balance;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The load signals of every endpoint, by {@code host:port}: local ones ({@link LocalLoadTracker}),
 * the latest scrape and the latest load report. Endpoints appear on first use.
 *
 * <p>A {@link #snapshot(String)} carries the fresher of the scrape and the report when it is at
 * most {@link SignalSettings#backendMaxAge()} old (the report on a tie); otherwise none, and the
 * strategies fall back to local signals. A failed scrape forgets the previous one at once: a scrape
 * that times out usually means an overloaded server, whose last good numbers flatter it.
 * Thread-safe.
 */
public final class LoadSignals {

    private record Observed(BackendLoad load, long atNanos) {
    }

    private final class Endpoint {
        final LocalLoadTracker tracker;
        volatile @Nullable Observed scraped;
        volatile @Nullable Observed reported;

        Endpoint(String address) {
            this.tracker = new LocalLoadTracker(address, settings.halfLife(), clock);
        }
    }

    private final SignalSettings settings;
    private final NanoClock clock;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    public LoadSignals(SignalSettings settings, NanoClock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Default settings on the system clock. */
    public static LoadSignals create() {
        return new LoadSignals(SignalSettings.defaults(), NanoClock.system());
    }

    public SignalSettings settings() {
        return settings;
    }

    /** A request to {@code endpoint} begins: complete the lease when it ends. */
    public Lease start(String endpoint) {
        return endpoint(endpoint).tracker.start();
    }

    /** A successful scrape of {@code endpoint}, received now. */
    public void recordScrape(String endpoint, BackendLoad load) {
        endpoint(endpoint).scraped = new Observed(load, clock.nanoTime());
    }

    /** A failed scrape of {@code endpoint}: its previous scrape is no longer trusted. */
    public void recordScrapeFailure(String endpoint) {
        endpoint(endpoint).scraped = null;
    }

    /** A load report from a response of {@code endpoint}, received now. */
    public void recordReport(String endpoint, BackendLoad load) {
        endpoint(endpoint).reported = new Observed(load, clock.nanoTime());
    }

    /** The endpoint's signals now. */
    public LoadSnapshot snapshot(String endpoint) {
        Endpoint state = endpoint(endpoint);
        long now = clock.nanoTime();
        Optional<BackendSignal> scraped = fresh(state.scraped, BackendSignal.Source.SCRAPE, now);
        Optional<BackendSignal> reported = fresh(state.reported, BackendSignal.Source.REPORT, now);
        Optional<BackendSignal> backend = scraped.isPresent() && reported.isPresent()
                ? Optional.of(scraped.get().age().compareTo(reported.get().age()) < 0 ? scraped.get() : reported.get())
                : scraped.or(() -> reported);
        return new LoadSnapshot(endpoint, state.tracker.load(), backend);
    }

    /** Snapshots of every known endpoint, sorted by address. */
    public Map<String, LoadSnapshot> snapshots() {
        Map<String, LoadSnapshot> all = new TreeMap<>();
        for (String endpoint : endpoints.keySet()) {
            all.put(endpoint, snapshot(endpoint));
        }
        return all;
    }

    /** Forgets endpoints not in {@code current} (they left every pool). */
    public void retainOnly(Collection<String> current) {
        Set<String> keep = Set.copyOf(current);
        endpoints.keySet().removeIf(endpoint -> !keep.contains(endpoint));
    }

    private Endpoint endpoint(String address) {
        return endpoints.computeIfAbsent(address, Endpoint::new);
    }

    private Optional<BackendSignal> fresh(@Nullable Observed observed, BackendSignal.Source source, long now) {
        if (observed == null) {
            return Optional.empty();
        }
        Duration age = Duration.ofNanos(Math.max(0, now - observed.atNanos()));
        return age.compareTo(settings.backendMaxAge()) <= 0
                ? Optional.of(new BackendSignal(observed.load(), source, age))
                : Optional.empty();
    }
}
