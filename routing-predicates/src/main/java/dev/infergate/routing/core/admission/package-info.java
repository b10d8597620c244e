/**
 * Admission arithmetic, free of any framework: API key hashing, limit definitions (several
 * Bucket4j bandwidths per limit), the bounded in-memory bucket table, LLM-token estimates and
 * their reconciliation with the real usage, and the IETF {@code RateLimit} / {@code RateLimit-Policy}
 * header values. Time is injected as a Bucket4j {@link io.github.bucket4j.TimeMeter}.
 */
@NullMarked
package dev.infergate.routing.core.admission;

import org.jspecify.annotations.NullMarked;
