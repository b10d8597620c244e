package dev.infergate.bench.tools;

import dev.infergate.bench.process.CpuPinning;
import dev.infergate.bench.process.Executables;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 keep-alive throughput at a fixed number of connections, with wrk (one thread, on the
 * load core). Closed loop: good for the maximum rate, not for latency.
 */
public final class Wrk {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private Wrk() {
    }

    public static ToolRun run(CpuPinning pinning, URI url, int connections, Duration duration) {
        String wrk = Executables.require("wrk", "wrk").toString();
        String output = ExternalTool.run(pinning, List.of(wrk, "-t1", "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s", "--timeout", "5s", url.toString()),
                duration.plusSeconds(30));
        return parse(output);
    }

    static ToolRun parse(String output) {
        Matcher requests = REQUESTS.matcher(output);
        Matcher rate = RATE.matcher(output);
        if (!requests.find() || !rate.find()) {
            throw new IllegalStateException("wrk reported no rate:\n" + output);
        }
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(output);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                errors += Long.parseLong(socket.group(group));
            }
        }
        return new ToolRun(Double.parseDouble(rate.group(1)), Long.parseLong(requests.group(1)), errors, output);
    }
}
