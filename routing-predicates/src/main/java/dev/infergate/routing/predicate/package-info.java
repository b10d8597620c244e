/**
 * Route predicates on what an inference request asks for (the {@code Model} predicate), and the
 * reading of the requested model that the model-aware filters share.
 */
@NullMarked
package dev.infergate.routing.predicate;

import org.jspecify.annotations.NullMarked;
