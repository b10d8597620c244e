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

    /** Parses {@code host:port}, or {@code host:port@zone} for locality-aware picking. */
    public static Endpoint parse(String address) {
        int at = address.indexOf('@');
        String hostPort = at < 0 ? address : address.substring(0, at);
        String zone = at < 0 ? DEFAULT_ZONE : address.substring(at + 1);
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || zone.isEmpty()) {
            throw new IllegalArgumentException("address: " + address + " (expected: host:port or host:port@zone)");
        }
        return new Endpoint(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), zone);
    }

    public String address() {
        return host + ":" + port;
    }
}
