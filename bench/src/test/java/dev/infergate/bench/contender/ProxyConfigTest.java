package dev.infergate.bench.contender;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ProxyConfigTest {

    @Test
    void nginxStreamsSseUnbufferedAndKeepsUpstreamConnectionsAlive() {
        String config = new NginxConfig(Path.of("/tmp/n"), 8001, 8002, List.of("127.0.0.1:9000", "127.0.0.1:9001"),
                "least_conn;", "bench", 20_000).render();

        assertThat(config).contains("listen 127.0.0.1:8001;", "listen 127.0.0.1:8002 http2;",
                "        least_conn;\n        server 127.0.0.1:9000;\n        server 127.0.0.1:9001;\n        keepalive 512;\n",
                "proxy_buffering off;", "proxy_set_header Connection \"\";", "pid /tmp/n/nginx.pid;", "worker_processes 1;",
                "worker_rlimit_nofile 20000;", "worker_connections 19744;", "keepalive_requests 1000000;");
        assertThat(config).doesNotContain("user root");
    }

    @Test
    void nginxRunByRootKeepsItsWorkersAsRoot() {
        assertThat(new NginxConfig(Path.of("/tmp/n"), 1, 2, List.of("a:1"), "", "root", 1_048_576).render()).startsWith("user root root;\n");
    }

    @Test
    void haproxyListensForHttp1AndH2cAndBalancesAsTold() {
        String config = new HaproxyConfig(Path.of("/tmp/h"), 8001, 8002, List.of("127.0.0.1:9000"), "leastconn", 9000).render();

        assertThat(config).contains("nbthread 1", "maxconn 9000", "bind 127.0.0.1:8001\n", "bind 127.0.0.1:8002 proto h2",
                "balance leastconn", "    server s0 127.0.0.1:9000\n", "http-reuse always");
    }

    @Test
    void streamingPathsAreUnbufferedInNginxAndWithoutDelayInHaproxy() {
        String nginx = new NginxConfig(Path.of("/tmp/n"), 1, 2, List.of("a:1", "b:2"), "random two least_conn;", "bench", 20_000,
                List.of("/v1/")).render();
        String haproxy = new HaproxyConfig(Path.of("/tmp/h"), 1, 2, List.of("a:1", "b:2"), "random(2)", 9000,
                List.of("/sse", "/v1/")).render();

        assertThat(nginx).contains("""
                        location /v1/ {
                            proxy_pass http://backend;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_buffering off;
                            proxy_read_timeout 1h;
                        }
                """, "        random two least_conn;\n        server a:1;\n        server b:2;\n");
        assertThat(nginx).doesNotContain("location /sse");
        assertThat(haproxy).contains("use_backend streams if { path_beg /sse /v1/ }", "balance random(2)",
                "    server s0 a:1\n    server s1 b:2\n");
    }

    @Test
    void theRoutingSeedHasOnePoolAndOneHeaderSelectedRoutePerStrategy() {
        assertThat(InfergatePoolsSeed.yaml(List.of("127.0.0.1:1", "127.0.0.1:2"), List.of("capacity", "prefix-affinity"),
                "X-Pool")).isEqualTo("""
                pools:
                  - name: rq-capacity
                    strategy: capacity
                    static: ["127.0.0.1:1", "127.0.0.1:2"]
                  - name: rq-prefix-affinity
                    strategy: prefix-affinity
                    static: ["127.0.0.1:1", "127.0.0.1:2"]
                routes:
                  - id: rq-capacity
                    uri: lb://rq-capacity
                    predicates:
                      - Path=/v1/**
                      - "Header=X-Pool, capacity"
                  - id: rq-prefix-affinity
                    uri: lb://rq-prefix-affinity
                    predicates:
                      - Path=/v1/**
                      - "Header=X-Pool, prefix-affinity"
                    filters:
                      - CachedBody
                  - id: rq-models
                    uri: lb://rq-capacity
                    predicates:
                      - Path=/v1/models
                sections: {}
                """);
    }

    @Test
    void haproxysConnectionLimitFitsTheOpenFilesLimit() {
        assertThat(HaproxyConfig.maxconnFor(20_000)).isEqualTo(9488);
        assertThat(HaproxyConfig.maxconnFor(1_048_576)).isEqualTo(30_000);
        assertThat(HaproxyConfig.maxconnFor(1024)).isEqualTo(1000);
    }

    @Test
    void infergatesSeedHasOneStaticPoolAndOneCatchAllRoute() {
        assertThat(InfergateSeed.yaml("127.0.0.1:9000", InfergatePolicies.none())).isEqualTo("""
                pools:
                  - name: bench
                    strategy: round-robin
                    static: ["127.0.0.1:9000"]
                routes:
                  - id: bench
                    uri: lb://bench
                    predicates:
                      - Path=/**
                sections: {}
                """);
    }

    @Test
    void theFullChainsStrategySplitFiltersAndSectionsGoIntoTheSeed() {
        String yaml = InfergateSeed.yaml("127.0.0.1:9000", FullChain.all());

        assertThat(yaml).contains("    strategy: capacity\n",
                "      - Path=/**\n    split:\n      destinations:\n",
                "    filters:\n      - \"Admission=optional,bench-requests\"\n      - \"AdaptiveRetry=bench\"\n",
                "  retry-policies:\n    bench:\n      max-attempts: 2\n",
                "  limits:\n    definitions:\n      bench-requests:\n");
    }
}
