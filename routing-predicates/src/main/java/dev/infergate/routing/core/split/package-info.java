/**
 * Weighted traffic split: which destination a request goes to, decided by a weighted rendezvous
 * hash of a sticky key, by a weighted random draw when there is no key, or by a forced name.
 * Plain Java: randomness is injected, every decision is a {@link SplitDecision}.
 */
@NullMarked
package dev.infergate.routing.core.split;

import org.jspecify.annotations.NullMarked;
