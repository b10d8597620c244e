package dev.infergate.gateway.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Recent traffic per route and per split destination, read from the {@code infergate.requests}
 * timers that {@link InferenceMeters} already keeps; nothing on the request path changes.
 *
 * <p>Each {@link #sample()} notes every timer's cumulative count and histogram buckets; the view
 * is the difference between the newest sample and the oldest one within the window:
 * requests per second, the error rate (answers of 5xx and the gateway's own upstream failures per
 * request), the p99 latency as the upper bound of the histogram bucket that holds the 99th
 * percentile (the timers publish a percentile histogram), and each destination's share of its
 * route's requests. A registry whose histograms decay on their own (not Prometheus's, which only
 * grow) can make a bucket shrink between samples; the p99 then falls back to the registry's own
 * recent histogram.
 */
public final class LiveTraffic {

    static final String METER = "infergate.requests";
    /** Outcomes that are not the upstream's or the gateway's failure: the client's errors and cancellations. */
    private static final Set<String> NOT_FAILURES = Set.of("2xx", "3xx", "4xx", "cancelled", "body-too-large", "no-route");
    private static final String ALL = "";

    private final MeterRegistry registry;
    private final long windowNanos;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public LiveTraffic(MeterRegistry registry, Duration window) {
        this.registry = registry;
        this.windowNanos = window.toNanos();
    }

    /** Traffic of one route, or of one destination of a split route. */
    public record Traffic(double requestsPerSecond, @Nullable Double p99Millis, @Nullable Double errorRate,
            @Nullable Double share) {
    }

    /** A route's traffic and, for split routes, each destination's. */
    public record RouteTraffic(double requestsPerSecond, @Nullable Double p99Millis, @Nullable Double errorRate,
            Map<String, Traffic> destinations) {
    }

    /** Takes a sample now and answers the traffic over the window, by route id. */
    public synchronized Map<String, RouteTraffic> sample() {
        long now = registry.config().clock().monotonicTime();
        Sample latest = new Sample(now, counts());
        while (!samples.isEmpty() && now - samples.peekFirst().nanos() > windowNanos) {
            samples.pollFirst();
        }
        Sample baseline = samples.isEmpty() ? latest : samples.peekFirst();
        samples.addLast(latest);
        double seconds = (latest.nanos() - baseline.nanos()) / 1e9;
        Map<String, RouteTraffic> routes = new TreeMap<>();
        latest.counts().forEach((key, counts) -> {
            if (!key.destination().equals(ALL)) {
                return;
            }
            Traffic route = traffic(counts, baseline.counts().get(key), seconds, null);
            Map<String, Traffic> destinations = new TreeMap<>();
            latest.counts().forEach((other, each) -> {
                if (other.route().equals(key.route()) && !other.destination().equals(ALL)) {
                    destinations.put(other.destination(), traffic(each, baseline.counts().get(other), seconds, route));
                }
            });
            routes.put(key.route(), new RouteTraffic(route.requestsPerSecond(), route.p99Millis(), route.errorRate(), destinations));
        });
        return routes;
    }

    private static Traffic traffic(Counts now, @Nullable Counts before, double seconds, @Nullable Traffic route) {
        Counts since = before == null ? now : now.minus(before);
        double rate = seconds <= 0 ? 0 : since.requests() / seconds;
        if (since.requests() <= 0) {
            return new Traffic(rate, null, null, route == null ? null : 0.0);
        }
        Double share = null;
        if (route != null) {
            share = route.requestsPerSecond() <= 0 ? 0.0 : Math.min(1.0, rate / route.requestsPerSecond());
        }
        Map<Double, Double> buckets = since.hasShrunkBuckets() ? now.buckets() : since.buckets();
        return new Traffic(rate, p99(buckets), (double) since.failures() / since.requests(), share);
    }

    private static @Nullable Double p99(Map<Double, Double> cumulativeBuckets) {
        double total = cumulativeBuckets.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (total <= 0) {
            return null;
        }
        double last = 0;
        for (Map.Entry<Double, Double> bucket : cumulativeBuckets.entrySet()) {
            last = bucket.getKey();
            if (bucket.getValue() >= 0.99 * total) {
                return bucket.getKey();
            }
        }
        return last;
    }

    private Map<Key, Counts> counts() {
        Map<Key, Counts> counts = new HashMap<>();
        for (Timer timer : registry.find(METER).timers()) {
            String route = timer.getId().getTag("route");
            if (route == null || route.equals(RequestRecord.NONE)) {
                continue;
            }
            String destination = timer.getId().getTag("destination");
            boolean failure = !NOT_FAILURES.contains(String.valueOf(timer.getId().getTag("outcome")));
            Counts one = Counts.of(timer, failure);
            counts.merge(new Key(route, ALL), one, Counts::plus);
            if (destination != null && !destination.equals(RequestRecord.NONE)) {
                counts.merge(new Key(route, destination), one, Counts::plus);
            }
        }
        return counts;
    }

    private record Key(String route, String destination) {
    }

    private record Sample(long nanos, Map<Key, Counts> counts) {
    }

    /** Cumulative counts; {@code buckets} maps a bucket's upper bound in milliseconds to the requests at or below it. */
    private record Counts(long requests, long failures, Map<Double, Double> buckets, boolean hasShrunkBuckets) {

        static Counts of(Timer timer, boolean failure) {
            HistogramSnapshot snapshot = timer.takeSnapshot();
            Map<Double, Double> buckets = new TreeMap<>();
            for (CountAtBucket bucket : snapshot.histogramCounts()) {
                buckets.put(bucket.bucket(TimeUnit.MILLISECONDS), bucket.count());
            }
            return new Counts(timer.count(), failure ? timer.count() : 0, buckets, false);
        }

        Counts plus(Counts other) {
            Map<Double, Double> sum = new TreeMap<>(buckets);
            other.buckets.forEach((bound, count) -> sum.merge(bound, count, Double::sum));
            return new Counts(requests + other.requests, failures + other.failures, sum, hasShrunkBuckets || other.hasShrunkBuckets);
        }

        Counts minus(Counts earlier) {
            Map<Double, Double> difference = new LinkedHashMap<>();
            boolean shrunk = false;
            for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
                double delta = bucket.getValue() - earlier.buckets.getOrDefault(bucket.getKey(), 0.0);
                shrunk |= delta < 0;
                difference.put(bucket.getKey(), Math.max(0, delta));
            }
            return new Counts(requests - earlier.requests, failures - earlier.failures, difference, shrunk);
        }
    }
}
