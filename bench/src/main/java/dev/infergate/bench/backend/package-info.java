/** The fixed-response and streaming backend every contender proxies to. */
@NullMarked
package dev.infergate.bench.backend;

import org.jspecify.annotations.NullMarked;
