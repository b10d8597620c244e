/**
 * The {@code tenants} and {@code limits} sections of the live configuration: how they read, how
 * they are validated, and the data plane's current view of them.
 */
@NullMarked
package dev.infergate.gateway.limits;

import org.jspecify.annotations.NullMarked;
