/** The named scenario sets and the rounds that interleave their contenders. */
@NullMarked
package dev.infergate.bench.scenario;

import org.jspecify.annotations.NullMarked;
