/** Subscribers to the usage observed on each inference response (meters, token limits, traces). */
@NullMarked
package dev.infergate.routing.usage;

import org.jspecify.annotations.NullMarked;
