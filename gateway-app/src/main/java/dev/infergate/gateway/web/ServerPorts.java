package dev.infergate.gateway.web;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;

/**
 * The ports the public and the admin (management) servers actually listen on, known once they
 * are bound; with random ports in tests the configured values would say 0.
 */
public final class ServerPorts {

    public static final String MANAGEMENT_NAMESPACE = "management";

    private volatile int publicPort = -1;
    private volatile int adminPort = -1;

    @EventListener
    public void onServerStarted(WebServerInitializedEvent event) {
        if (MANAGEMENT_NAMESPACE.equals(event.getApplicationContext().getServerNamespace())) {
            adminPort = event.getWebServer().getPort();
        } else {
            publicPort = event.getWebServer().getPort();
        }
    }

    public int publicPort() {
        return publicPort;
    }

    public int adminPort() {
        return adminPort;
    }

    public boolean isAdmin(int localPort) {
        return localPort == adminPort && adminPort != publicPort;
    }
}
