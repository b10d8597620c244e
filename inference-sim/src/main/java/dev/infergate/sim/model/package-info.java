/**
 * The simulator's queueing model: a deterministic, discrete-event imitation of a vLLM server's
 * step loop (continuous batching, chunked prefill, KV-cache admission, prefix cache), its
 * configuration ({@link dev.infergate.sim.model.ServerSpec}, {@link
 * dev.infergate.sim.model.FleetDefinition}) and the load signals it exposes (vLLM Prometheus
 * text, ORCA load reports).
 *
 * <p>Plain Java: no Reactor or Netty types, and no wall clock. {@link
 * dev.infergate.sim.model.ServerModel} runs on a virtual nanosecond clock that its caller
 * advances; {@link dev.infergate.sim.model.RealtimeDriver} maps that clock onto {@link
 * System#nanoTime()} for a live server. The behaviour and the default fleet are described in
 * {@code docs/simulator.md}.
 */
@NullMarked
package dev.infergate.sim.model;

import org.jspecify.annotations.NullMarked;
