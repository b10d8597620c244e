/**
 * Endpoint balancing in the gateway: {@link dev.infergate.routing.balancer.EndpointPicker} (Spring
 * Cloud LoadBalancer's balancer for {@code lb://} pools), the retry hook
 * ({@link dev.infergate.routing.balancer.TriedEndpoints}), the filter that feeds local signals and
 * load reports ({@link dev.infergate.routing.balancer.LoadSignalFilter}) and the metrics scraper
 * ({@link dev.infergate.routing.balancer.MetricsScraper}). Thin adapters over
 * {@code dev.infergate.routing.core.balance}.
 */
@NullMarked
package dev.infergate.routing.balancer;

import org.jspecify.annotations.NullMarked;
