package dev.infergate.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class WrkTest {

    @Test
    void readsTheRateAndTheRequests() {
        ToolRun run = Wrk.parse("""
                Running 1s test @ http://127.0.0.1:40197/fixed
                  1 threads and 2 connections
                  Thread Stats   Avg      Stdev     Max   +/- Stdev
                    Latency   312.87us  779.34us   8.40ms   91.86%
                    Req/Sec    22.69k    12.15k   36.22k    60.00%
                  22522 requests in 1.00s, 1.65MB read
                Requests/sec:  22501.75
                Transfer/sec:      1.65MB
                """);

        assertThat(run.requestsPerSecond()).isEqualTo(22501.75);
        assertThat(run.requests()).isEqualTo(22522);
        assertThat(run.errors()).isZero();
    }

    @Test
    void countsSocketErrorsAndOtherStatusesAsErrors() {
        ToolRun run = Wrk.parse("""
                  100 requests in 1.00s, 1.65MB read
                  Socket errors: connect 1, read 2, write 3, timeout 4
                  Non-2xx or 3xx responses: 5
                Requests/sec:  100.00
                """);

        assertThat(run.errors()).isEqualTo(15);
    }

    @Test
    void aReportWithoutRateIsAnError() {
        assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused"))
                .hasMessageStartingWith("wrk reported no rate");
    }
}
