/** The live configuration document (routes, pools, sections) and how the gateway loads it. */
@NullMarked
package dev.infergate.gateway.control;

import org.jspecify.annotations.NullMarked;
