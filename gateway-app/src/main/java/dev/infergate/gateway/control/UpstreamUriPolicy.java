package dev.infergate.gateway.control;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Which upstream URIs a route may name: only the allowed schemes, never a cloud metadata address
 * (169.254.0.0/16, {@code fd00:ec2::254}, the metadata host names), never the gateway's own
 * admin port on a local address. Host names are not resolved: resolution would block and could
 * change later; literal addresses and well-known names are what an attacker writes.
 */
public final class UpstreamUriPolicy {

    public static final Set<String> DEFAULT_SCHEMES = Set.of("http", "https", "lb");
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data");
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]", "::", "[::]");

    private final Set<String> schemes;
    private final IntSupplier adminPort;

    public UpstreamUriPolicy(Set<String> schemes, IntSupplier adminPort) {
        this.schemes = Set.copyOf(schemes);
        this.adminPort = adminPort;
    }

    /** Why the URI is refused, or empty when it is allowed. */
    public Optional<String> refusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            return Optional.of("scheme " + (scheme.isEmpty() ? "(none)" : scheme) + " is not allowed; expected one of "
                    + schemes.stream().sorted().toList());
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            return Optional.of("a host is required");
        }
        if (scheme.equals("lb")) {
            return Optional.empty();
        }
        if (isLinkLocal(host) || METADATA_HOSTS.contains(host)) {
            return Optional.of("host " + host + " is a cloud metadata address, which routes may never reach");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if ((LOCAL_HOSTS.contains(host) || host.startsWith("127.")) && port == adminPort.getAsInt()) {
            return Optional.of("port " + port + " on " + host + " is the gateway's own admin port");
        }
        return Optional.empty();
    }

    private static boolean isLinkLocal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.startsWith("169.254.") || bare.equals("fd00:ec2::254") || bare.startsWith("fe80:");
    }
}
