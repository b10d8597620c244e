/** A simulated fleet of inference servers: the public API to start servers and fleets. */
@NullMarked
package dev.infergate.sim;

import org.jspecify.annotations.NullMarked;
