package dev.infergate.bench.contender;

import java.nio.file.Path;
import java.util.List;

/**
 * HAProxy in HTTP mode as a reverse proxy: one thread (it gets one core), keep-alive and
 * connection reuse towards the upstream, no logging. Paths under {@code /sse} go through a backend
 * with {@code option http-no-delay}: without it HAProxy sends the chunks of an unfinished response
 * with MSG_MORE and the kernel holds small events back for up to 200 ms (nginx's
 * {@code proxy_buffering off} is the counterpart).
 *
 * @param dir the scratch folder (pid file)
 * @param http1Port the HTTP/1.1 listener
 * @param h2cPort the h2c listener ({@code proto h2}: prior knowledge)
 * @param upstreams the servers, {@code host:port}
 * @param balance the {@code balance} algorithm, e.g. {@code roundrobin}, {@code leastconn},
 *     {@code random(2)}
 * @param maxconn the connection limit; HAProxy needs two descriptors per proxied connection and
 *     refuses to start when the open-files limit does not allow {@code 2 × maxconn}
 * @param streamingPaths path prefixes whose responses stream (SSE), served with {@code option http-no-delay}
 */
public record HaproxyConfig(Path dir, int http1Port, int h2cPort, List<String> upstreams, String balance, int maxconn,
        List<String> streamingPaths) {

    /** Streams only under {@code /sse}, as the backend of the proxy sets serves them. */
    public HaproxyConfig(Path dir, int http1Port, int h2cPort, List<String> upstreams, String balance, int maxconn) {
        this(dir, http1Port, h2cPort, upstreams, balance, maxconn, List.of("/sse"));
    }

    /** The largest {@code maxconn} (at most 30 000) that an open-files limit allows. */
    public static int maxconnFor(long openFilesLimit) {
        return (int) Math.max(1000, Math.min(30_000, (openFilesLimit - 1024) / 2));
    }

    public String render() {
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < upstreams.size(); i++) {
            servers.append("    server s").append(i).append(' ').append(upstreams.get(i)).append('\n');
        }
        return """
                global
                    nbthread 1
                    maxconn %5$d
                    pidfile %1$s/haproxy.pid
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 1h
                    timeout server 1h
                    http-reuse always
                frontend bench
                    bind 127.0.0.1:%2$d
                    bind 127.0.0.1:%3$d proto h2
                    use_backend streams if { path_beg %7$s }
                    default_backend upstream
                backend upstream
                    balance %4$s
                %6$sbackend streams
                    balance %4$s
                    option http-no-delay
                %6$s""".formatted(dir, http1Port, h2cPort, balance, maxconn, servers, String.join(" ", streamingPaths));
    }
}
