/**
 * Resilience as plain algorithms: the retry budget, exponential backoff with full jitter,
 * {@code Retry-After} handling, the retry decision of a policy, and outlier ejection. No Spring,
 * Reactor or Netty types; time ({@link dev.infergate.routing.core.balance.NanoClock}, a wall
 * {@link java.time.Instant} where HTTP dates need one) and randomness
 * ({@link java.util.random.RandomGenerator}) are injected. Results are objects.
 */
@NullMarked
package dev.infergate.routing.core.resilience;

import org.jspecify.annotations.NullMarked;
