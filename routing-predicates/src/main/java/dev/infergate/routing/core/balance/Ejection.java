package dev.infergate.routing.core.balance;

import java.time.Duration;

/**
 * An endpoint kept out of balancing for a while.
 *
 * @param endpoint {@code host:port}
 * @param remaining time until it returns by itself
 */
public record Ejection(String endpoint, Duration remaining) {
}
