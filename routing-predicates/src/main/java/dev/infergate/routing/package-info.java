/** Traffic algorithms and the Spring Cloud Gateway predicates and filters that expose them. */
@NullMarked
package dev.infergate.routing;

import org.jspecify.annotations.NullMarked;
