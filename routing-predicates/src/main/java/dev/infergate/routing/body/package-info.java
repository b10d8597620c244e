/**
 * The request body: a bound on every body the gateway forwards, and the one cached copy that
 * routes needing the body (model matching, retries, token estimates, mirroring) share.
 */
@NullMarked
package dev.infergate.routing.body;

import org.jspecify.annotations.NullMarked;
