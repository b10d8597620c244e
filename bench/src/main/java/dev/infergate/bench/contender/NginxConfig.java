package dev.infergate.bench.contender;

import java.nio.file.Path;
import java.util.List;

/**
 * An nginx reverse proxy as people run it in front of inference servers: one worker (it gets one
 * core), keep-alive connections to the upstream, HTTP/1.1 upstream, and response buffering off for
 * SSE so events leave as they arrive. Connections are not recycled after 1 000 requests (nginx's
 * default on both sides, and for h2 streams): the other contenders do not recycle them either. Everything it writes (pid, error log, temp files) goes to
 * {@code dir}; no access log, as the other contenders keep none either.
 *
 * @param dir the scratch folder (nginx's prefix)
 * @param http1Port the HTTP/1.1 listener
 * @param h2cPort the h2c listener (nginx serves h2c with prior knowledge on a port of its own)
 * @param upstreams the servers, {@code host:port}
 * @param balance the balancing directive of the upstream block, e.g. {@code least_conn;}, empty
 *     for round-robin
 * @param user the user workers run as when the master runs as root, so files stay the caller's
 * @param openFiles the open-files limit the worker may raise itself to; its connections (client
 *     and upstream ones alike) stay below it
 * @param streamingPaths path prefixes whose responses stream (SSE): unbuffered, read timeout of an hour
 */
public record NginxConfig(Path dir, int http1Port, int h2cPort, List<String> upstreams, String balance, String user,
        long openFiles, List<String> streamingPaths) {

    /** Streams only under {@code /sse}, as the backend of the proxy sets serves them. */
    public NginxConfig(Path dir, int http1Port, int h2cPort, List<String> upstreams, String balance, String user,
            long openFiles) {
        this(dir, http1Port, h2cPort, upstreams, balance, user, openFiles, List.of("/sse"));
    }

    public String render() {
        StringBuilder upstream = new StringBuilder();
        if (!balance.isEmpty()) {
            upstream.append("        ").append(balance).append('\n');
        }
        upstreams.forEach(server -> upstream.append("        server ").append(server).append(";\n"));
        upstream.append("        keepalive 512;\n");
        upstream.append("        keepalive_requests 1000000;\n");
        String userLine = "root".equals(user) ? "user root root;\n" : "";
        StringBuilder streaming = new StringBuilder();
        streamingPaths.forEach(path -> streaming.append("""
                        location %s {
                            proxy_pass http://backend;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_buffering off;
                            proxy_read_timeout 1h;
                        }
                """.formatted(path)));
        return userLine + """
                daemon off;
                master_process on;
                worker_processes 1;
                worker_rlimit_nofile %5$d;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events {
                    worker_connections %6$d;
                }
                http {
                    access_log off;
                    keepalive_requests 1000000;
                    client_body_temp_path %1$s/client-body;
                    client_body_buffer_size 64k;
                    proxy_temp_path %1$s/proxy;
                    upstream backend {
                %2$s    }
                    server {
                        listen 127.0.0.1:%3$d;
                        listen 127.0.0.1:%4$d http2;
                        location / {
                            proxy_pass http://backend;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                        }
                %7$s    }
                }
                """.formatted(dir, upstream, http1Port, h2cPort, Math.min(openFiles, 65_536),
                        Math.max(1024, Math.min(openFiles, 65_536) - 256), streaming);
    }
}
