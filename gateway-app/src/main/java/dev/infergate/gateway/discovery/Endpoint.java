package dev.infergate.gateway.discovery;

/**
 * One server of a pool.
 *
 * @param host address or host name
 * @param port TCP port
 * @param zone locality label (for failover); {@code local} when the source knows none
 */
public record Endpoint(String host, int port, String zone) {

    public static final String DEFAULT_ZONE = "local";

    public Endpoint {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
    }

    /** Parses {@code host:port}. */
    public static Endpoint parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("address: " + address + " (expected: host:port)");
        }
        return new Endpoint(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)), DEFAULT_ZONE);
    }

    public String address() {
        return host + ":" + port;
    }
}
