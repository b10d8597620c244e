/** Spring Cloud Gateway with its defaults and one route: the benchmark's reference for the framework alone. */
@NullMarked
package dev.infergate.bench.vanilla;

import org.jspecify.annotations.NullMarked;
