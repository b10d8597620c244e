package dev.infergate.routing.resilience;

import dev.infergate.routing.core.resilience.RetryCondition;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ResponseStatusException;

/**
 * What an error of an upstream attempt was, read from its exception and causes: a connection that
 * could not be made ({@link ConnectException}, Netty's connect timeout), a connection that closed or
 * reset before the response arrived (any other {@link IOException}, such as Reactor Netty's
 * {@code PrematureCloseException}), or a timeout (the gateway's 504). Anything else is not an
 * upstream failure.
 */
final class UpstreamFailures {

    private UpstreamFailures() {
    }

    static Optional<RetryCondition> classify(Throwable error) {
        for (@Nullable Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException) {
                return Optional.of(RetryCondition.CONNECT_FAILURE);
            }
            if (cause instanceof TimeoutException
                    || cause instanceof ResponseStatusException status && status.getStatusCode().value() == 504) {
                return Optional.of(RetryCondition.STATUS_504);
            }
            if (cause instanceof IOException) {
                return Optional.of(RetryCondition.RESET_BEFORE_RESPONSE);
            }
        }
        return Optional.empty();
    }
}
