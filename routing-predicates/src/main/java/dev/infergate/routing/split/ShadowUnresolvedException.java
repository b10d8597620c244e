package dev.infergate.routing.split;

import java.net.URI;

/** The shadow destination had no endpoint to send the copy to. */
final class ShadowUnresolvedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ShadowUnresolvedException(URI destination, Throwable cause) {
        super("No endpoint for shadow destination " + destination + ": " + cause.getMessage(), cause);
    }

    ShadowUnresolvedException(URI destination) {
        super("No endpoint for shadow destination " + destination);
    }
}
