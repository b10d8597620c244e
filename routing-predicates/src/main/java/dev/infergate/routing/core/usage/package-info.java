/**
 * Reading {@code model} and {@code usage} out of inference responses as their bytes pass by:
 * constant memory, no buffering of the response.
 */
@NullMarked
package dev.infergate.routing.core.usage;

import org.jspecify.annotations.NullMarked;
