package dev.infergate.gateway.web;

import dev.infergate.routing.body.RequestBodyTooLargeException;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.http.client.PrematureCloseException;

/** Turns what went wrong with a request into the problem the client is told about (and the outcome meters report). */
public final class ProblemClassifier {

    public Problem classify(Throwable error, ServerWebExchange exchange) {
        String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
        if (find(error, RequestBodyTooLargeException.class).isPresent() || find(error, DataBufferLimitException.class).isPresent()) {
            String reason = find(error, RequestBodyTooLargeException.class).map(ResponseStatusException::getReason)
                    .orElse("The request body exceeds the gateway's limit");
            return new Problem("body-too-large", 413, "Request body too large", reason + ".");
        }
        Optional<NotFoundException> noEndpoint = find(error, NotFoundException.class);
        if (noEndpoint.isPresent()) {
            return new Problem("no-endpoint", noEndpoint.get().getStatusCode().value(), "No endpoint available",
                    "No endpoint of the route's pool is available: " + noEndpoint.get().getReason() + ".");
        }
        if (find(error, ConnectTimeoutException.class).isPresent()) {
            return new Problem("upstream-timeout", 504, "Upstream timeout", "Connecting to the upstream timed out.");
        }
        if (find(error, ConnectException.class).isPresent()) {
            return new Problem("upstream-unavailable", 502, "Upstream unavailable", "The upstream refused the connection.");
        }
        if (find(error, PrematureCloseException.class).isPresent()) {
            return new Problem("upstream-closed", 502, "Upstream closed the connection",
                    "The upstream closed the connection before it answered.");
        }
        Optional<ResponseStatusException> status = find(error, ResponseStatusException.class);
        if (status.isPresent()) {
            int code = status.get().getStatusCode().value();
            if (code == 404) {
                return new Problem("no-route", 404, "No route", "No route matches " + request + ".");
            }
            if (code == 504) {
                return new Problem("upstream-timeout", 504, "Upstream timeout",
                        "The upstream did not start its response in time (" + status.get().getReason() + ").");
            }
            HttpStatus known = HttpStatus.resolve(code);
            String title = known != null ? known.getReasonPhrase() : "Error";
            String reason = status.get().getReason();
            return new Problem(slug(title), code, title, reason != null ? reason : title + ".");
        }
        return new Problem("internal-error", 500, "Internal gateway error",
                "The gateway failed to handle " + request + "; the error is logged with this request id.");
    }

    private static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static <T extends Throwable> Optional<T> find(@Nullable Throwable error, Class<T> type) {
        for (Throwable current = error; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (type.isInstance(current)) {
                return Optional.of(type.cast(current));
            }
        }
        return Optional.empty();
    }
}
