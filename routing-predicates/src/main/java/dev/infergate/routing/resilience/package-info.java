/**
 * Gateway adapters of the resilience algorithms: the {@code AdaptiveRetry} filter (budgeted retries
 * on another endpoint, body replay from the shared cached body), the observer of upstream attempts
 * that feeds outlier ejection, and the filter that ends a failed stream with an error event.
 */
@NullMarked
package dev.infergate.routing.resilience;

import org.jspecify.annotations.NullMarked;
