package dev.infergate.routing.resilience;

/** How many endpoints a pool has now; 0 for a pool that is unknown or empty. */
@FunctionalInterface
public interface PoolSizes {

    int size(String pool);
}
