package dev.infergate.bench.tools;

import dev.infergate.bench.process.CpuPinning;
import dev.infergate.bench.process.Executables;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * h2c throughput (HTTP/2 with prior knowledge over cleartext) at a fixed number of connections and
 * concurrent streams per connection, with h2load (one thread, on the load core). Closed loop.
 */
public final class H2load {

    private static final Pattern FINISHED = Pattern.compile("finished in [0-9.]+(?:us|ms|s), ([0-9.]+) req/s");
    private static final Pattern REQUESTS = Pattern.compile(
            "requests: \\d+ total, \\d+ started, \\d+ done, (\\d+) succeeded, (\\d+) failed");
    private static final Pattern STATUS = Pattern.compile("status codes: (\\d+) 2xx, (\\d+) 3xx, (\\d+) 4xx, (\\d+) 5xx");

    private H2load() {
    }

    /** Runs for a duration. */
    public static ToolRun timed(CpuPinning pinning, URI url, int connections, int streams, Duration duration) {
        return run(pinning, List.of("-t1", "-c" + connections, "-m" + streams,
                "-D", Long.toString(Math.max(1, duration.toSeconds())), url.toString()), duration.plusSeconds(30));
    }

    /** Sends a fixed number of requests. */
    public static ToolRun counted(CpuPinning pinning, URI url, int requests) {
        return run(pinning, List.of("-t1", "-c1", "-m1", "-n", Integer.toString(requests), url.toString()),
                Duration.ofSeconds(30));
    }

    private static ToolRun run(CpuPinning pinning, List<String> arguments, Duration limit) {
        String h2load = Executables.require("h2load", "nghttp2-client").toString();
        List<String> command = new ArrayList<>(List.of(h2load));
        command.addAll(arguments);
        return parse(ExternalTool.run(pinning, command, limit));
    }

    static ToolRun parse(String output) {
        Matcher finished = FINISHED.matcher(output);
        Matcher requests = REQUESTS.matcher(output);
        if (!finished.find() || !requests.find()) {
            throw new IllegalStateException("h2load reported no rate:\n" + output);
        }
        // "failed" already includes errored and timed-out requests and 4xx/5xx answers; a 3xx counts
        // as succeeded for h2load but not for a backend that only answers 200.
        long errors = Long.parseLong(requests.group(2));
        long good = Long.parseLong(requests.group(1));
        Matcher status = STATUS.matcher(output);
        if (status.find()) {
            long redirects = Long.parseLong(status.group(2));
            errors += redirects;
            good -= redirects;
        }
        return new ToolRun(Double.parseDouble(finished.group(1)), good, errors, output);
    }
}
