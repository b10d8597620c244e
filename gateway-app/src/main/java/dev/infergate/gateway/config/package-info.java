/** Configuration properties and the wiring of the gateway's beans. */
@NullMarked
package dev.infergate.gateway.config;

import org.jspecify.annotations.NullMarked;
