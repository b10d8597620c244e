/** The systems under test: how each is configured, started and reached. */
@NullMarked
package dev.infergate.bench.contender;

import org.jspecify.annotations.NullMarked;
