/** A bare Reactor Netty reverse proxy: the floor for a gateway built on this stack. */
@NullMarked
package dev.infergate.bench.proxy;

import org.jspecify.annotations.NullMarked;
