/** The benchmark harness: {@link dev.infergate.bench.Bench} runs a named scenario set against every contender. */
@NullMarked
package dev.infergate.bench;

import org.jspecify.annotations.NullMarked;
