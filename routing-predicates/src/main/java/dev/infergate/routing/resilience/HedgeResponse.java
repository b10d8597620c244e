package dev.infergate.routing.resilience;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * A hedge's complete answer, held until it wins or loses.
 *
 * @param endpoint {@code host:port} it came from
 */
record HedgeResponse(String endpoint, int status, HttpHeaders headers, byte[] body) {
}
