package dev.infergate.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class H2loadTest {

    @Test
    void readsTheRateAndTheSucceededRequests() {
        ToolRun run = H2load.parse("""
                Application protocol: h2c
                finished in 1.00s, 6816.00 req/s, 219.74KB/s
                requests: 6816 total, 6820 started, 6816 done, 6816 succeeded, 0 failed, 0 errored, 0 timeout
                status codes: 6816 2xx, 0 3xx, 0 4xx, 0 5xx
                """);

        assertThat(run.requestsPerSecond()).isEqualTo(6816.0);
        assertThat(run.requests()).isEqualTo(6816);
        assertThat(run.errors()).isZero();
    }

    @Test
    void failedIncludesErroredRequestsAndARedirectIsNoSuccess() {
        ToolRun run = H2load.parse("""
                finished in 339us, 0.00 req/s, 0B/s
                requests: 10 total, 10 started, 10 done, 7 succeeded, 3 failed, 3 errored, 0 timeout
                status codes: 6 2xx, 1 3xx, 0 4xx, 0 5xx
                """);

        assertThat(run.requests()).isEqualTo(6);
        assertThat(run.errors()).isEqualTo(4);
    }
}
