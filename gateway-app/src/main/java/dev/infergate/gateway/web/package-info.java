/** What the gateway answers itself: problem+json errors and the separation of the public and admin ports. */
@NullMarked
package dev.infergate.gateway.web;

import org.jspecify.annotations.NullMarked;
