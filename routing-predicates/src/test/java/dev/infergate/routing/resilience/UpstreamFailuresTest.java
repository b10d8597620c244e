package dev.infergate.routing.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infergate.routing.core.resilience.RetryCondition;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

final class UpstreamFailuresTest {

    @Test
    void upstreamErrorsAreClassifiedByTheirCauses() {
        assertThat(UpstreamFailures.classify(new ConnectException("refused"))).contains(RetryCondition.CONNECT_FAILURE);
        assertThat(UpstreamFailures.classify(new ConnectTimeoutException("slow"))).contains(RetryCondition.CONNECT_FAILURE);
        assertThat(UpstreamFailures.classify(new RuntimeException(new ConnectException("wrapped")))).contains(RetryCondition.CONNECT_FAILURE);
        assertThat(UpstreamFailures.classify(new IOException("Connection reset by peer"))).contains(RetryCondition.RESET_BEFORE_RESPONSE);
        assertThat(UpstreamFailures.classify(new TimeoutException())).contains(RetryCondition.STATUS_504);
        assertThat(UpstreamFailures.classify(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT))).contains(RetryCondition.STATUS_504);
    }

    @Test
    void otherErrorsAreNotTheUpstreams() {
        assertThat(UpstreamFailures.classify(new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE))).isEmpty();
        assertThat(UpstreamFailures.classify(new IllegalStateException("bug"))).isEmpty();
    }
}
