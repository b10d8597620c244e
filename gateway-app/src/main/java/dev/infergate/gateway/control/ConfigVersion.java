package dev.infergate.gateway.control;

import java.time.Instant;

/**
 * One accepted version of the live configuration.
 *
 * @param number increases by one with every accepted change
 * @param author who made the change (a user name, {@code seed} or {@code seed-file})
 * @param time when it was accepted
 * @param comment what the author said about it (may be empty)
 * @param contentHash SHA-256 of the canonical document
 * @param configuration the document itself
 */
public record ConfigVersion(long number, String author, Instant time, String comment, String contentHash,
        LiveConfiguration configuration) {
}
