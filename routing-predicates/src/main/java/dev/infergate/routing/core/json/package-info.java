/**
 * Reading single fields out of JSON documents without building a tree, with the byte span of the
 * value so that a caller can replace it in place.
 */
@NullMarked
package dev.infergate.routing.core.json;

import org.jspecify.annotations.NullMarked;
