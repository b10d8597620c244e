package dev.infergate.bench.contender;

import dev.infergate.bench.process.Launched;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The running simulated fleet every routing contender sends to (one process, one loopback port per
 * server), and its control calls: the speed switch, the request counters and the prefix-cache
 * counters.
 *
 * @param process the fleet's process
 * @param names the servers' names, in order
 * @param addresses {@code host:port} of each server, in the same order
 * @param speeds each server's own speed, as its definition gives it
 * @param configurationHash the fleet's configuration hash, which results name
 */
public record Fleet(Launched process, List<String> names, List<String> addresses, List<Double> speeds,
        String configurationHash) {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final Pattern RECEIVED = Pattern.compile("\"received\"\\s*:\\s*(\\d+)");
    private static final Pattern IN_FLIGHT = Pattern.compile("\"inFlight\"\\s*:\\s*(\\d+)");
    private static final Pattern FAULTED = Pattern.compile("\"faulted\"\\s*:\\s*(\\d+)");

    /**
     * One server's counters.
     *
     * @param received requests received since it started
     * @param inFlight requests not finished
     * @param faulted requests answered by a fault switch or an error
     */
    public record Stats(long received, long inFlight, long faulted) {
    }

    /**
     * Prefix-cache counters of one server, in prompt tokens.
     *
     * @param queries tokens looked up
     * @param hits tokens found cached
     */
    public record PrefixCache(double queries, double hits) {
    }

    public URI base(int server) {
        return URI.create("http://" + addresses.get(server));
    }

    /** Sets a server's speed through its fault switches (no error is injected). */
    public void setSpeed(int server, double speed) {
        call("POST", base(server).resolve("/sim/faults"), String.format(Locale.ROOT, "{\"speed\": %s}", speed));
    }

    /**
     * Clears every fault switch of every server and sets each back to its own speed: clearing the
     * switches leaves a speed set through them in force.
     */
    public void restore() {
        for (int i = 0; i < addresses.size(); i++) {
            call("DELETE", base(i).resolve("/sim/faults"), null);
            setSpeed(i, speeds.get(i));
        }
    }

    public List<Stats> stats() {
        List<Stats> all = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            String body = call("GET", base(i).resolve("/sim/stats"), null);
            all.add(new Stats(number(RECEIVED, body), number(IN_FLIGHT, body), number(FAULTED, body)));
        }
        return all;
    }

    public List<PrefixCache> prefixCaches() {
        List<PrefixCache> all = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            String metrics = call("GET", base(i).resolve("/metrics"), null);
            all.add(new PrefixCache(sample(metrics, "vllm:prefix_cache_queries_total"), sample(metrics, "vllm:prefix_cache_hits_total")));
        }
        return all;
    }

    /**
     * Waits until no server has a request in flight, so that one contender's queue does not delay
     * the next one's requests; false when that did not happen within {@code max}.
     */
    public boolean awaitDrained(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (stats().stream().allMatch(stats -> stats.inFlight() == 0)) {
                return true;
            }
            LockSupport.parkNanos(200_000_000);
        }
        return false;
    }

    private static long number(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + body);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** The sum of a Prometheus metric's samples over its label sets. */
    private static double sample(String metrics, String name) {
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static String call(String method, URI uri, @Nullable String body) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + uri, e);
        }
    }
}
