/**
 * The pure algorithms the adapter packages expose: no Spring, Reactor or Netty types, time and
 * randomness injected, results as objects. Unit-tested in milliseconds.
 */
@NullMarked
package dev.infergate.routing.core;

import org.jspecify.annotations.NullMarked;
