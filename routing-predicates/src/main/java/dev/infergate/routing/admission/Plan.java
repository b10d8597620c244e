package dev.infergate.routing.admission;

import java.util.List;

/**
 * A tenant's plan: its priority class and the names of the limits its requests are held to
 * (limits of scope {@code tenant} or {@code tenant-route}).
 */
public record Plan(String name, String priority, List<String> limits) {

    public Plan {
        limits = List.copyOf(limits);
    }
}
