/**
 * Admission on the data plane: client identity (API key → tenant, plan, priority class) and rate
 * limits in requests and LLM tokens, kept in local or Redis-backed Bucket4j buckets, with a
 * failure policy per limit and the {@code RateLimit} headers on every response of a limited
 * route. The arithmetic lives in {@code dev.infergate.routing.core.admission}.
 */
@NullMarked
package dev.infergate.routing.admission;

import org.jspecify.annotations.NullMarked;
