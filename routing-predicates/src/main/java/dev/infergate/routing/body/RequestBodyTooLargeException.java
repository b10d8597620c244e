package dev.infergate.routing.body;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A request body over the gateway's cap; rendered as 413 problem+json. */
public final class RequestBodyTooLargeException extends ResponseStatusException {

    private static final long serialVersionUID = 1L;

    public RequestBodyTooLargeException(long maxBytes) {
        super(HttpStatus.CONTENT_TOO_LARGE, "The request body exceeds the limit of " + maxBytes + " bytes");
    }
}
