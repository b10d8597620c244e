package dev.infergate.bench.contender;

import dev.infergate.bench.process.Launched;
import java.net.URI;

/** The running backend every contender proxies to ({@code BackendServer}), on one loopback port. */
public record Backend(Launched process, int port) {

    /** {@code host:port}, as proxy configurations name an upstream. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public URI base() {
        return URI.create("http://" + address());
    }
}
