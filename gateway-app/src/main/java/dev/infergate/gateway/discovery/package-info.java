/** Endpoint pools: where each pool's endpoints come from, and how lb:// URIs resolve to them. */
@NullMarked
package dev.infergate.gateway.discovery;

import org.jspecify.annotations.NullMarked;
