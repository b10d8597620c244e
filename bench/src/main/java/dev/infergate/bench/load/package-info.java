/** Load generation and measurement on the client side: an open-loop generator and SSE clients, all recording in HdrHistograms. */
@NullMarked
package dev.infergate.bench.load;

import org.jspecify.annotations.NullMarked;
