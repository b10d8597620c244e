/**
 * Endpoint balancing as plain algorithms: per-endpoint load signals (local, backend-reported,
 * scraped), their parsers, the strategies that pick an endpoint from them, and the view of ejected
 * endpoints. No Spring, Reactor or Netty types; time ({@link dev.infergate.routing.core.balance.NanoClock})
 * and randomness ({@link java.util.random.RandomGenerator}) are injected.
 */
@NullMarked
package dev.infergate.routing.core.balance;

import org.jspecify.annotations.NullMarked;
