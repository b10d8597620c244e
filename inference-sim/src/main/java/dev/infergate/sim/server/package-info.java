/** The HTTP side of a simulated server: OpenAI and KServe v2 handlers, fault switches, counters. */
@NullMarked
package dev.infergate.sim.server;

import org.jspecify.annotations.NullMarked;
