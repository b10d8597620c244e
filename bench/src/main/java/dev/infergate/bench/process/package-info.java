/** Starting, pinning, measuring and stopping the processes of a benchmark run. */
@NullMarked
package dev.infergate.bench.process;

import org.jspecify.annotations.NullMarked;
