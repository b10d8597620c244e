/** When a simulated server produces each output token. */
@NullMarked
package dev.infergate.sim.engine;

import org.jspecify.annotations.NullMarked;
