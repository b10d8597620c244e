/** What operators watch: health of the gateway and of its pools, meters, access log, tracing. */
@NullMarked
package dev.infergate.gateway.observability;

import org.jspecify.annotations.NullMarked;
