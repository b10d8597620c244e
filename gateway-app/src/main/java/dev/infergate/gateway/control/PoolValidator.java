package dev.infergate.gateway.control;

import java.util.List;

/** Checks a pool's strategy and its settings; the balancing feature provides the strategies. */
@FunctionalInterface
public interface PoolValidator {

    List<ConfigurationProblem> validate(PoolDefinition pool, String pointer);

    /** Accepts only {@code round-robin} without settings: the strategy the gateway has without balancing. */
    static PoolValidator roundRobinOnly() {
        return (pool, pointer) -> {
            if (!pool.strategy().equals(PoolDefinition.DEFAULT_STRATEGY)) {
                return List.of(new ConfigurationProblem(pointer + "/strategy",
                        "unknown strategy " + pool.strategy() + "; expected one of [round-robin]"));
            }
            if (!pool.settings().isEmpty()) {
                return List.of(new ConfigurationProblem(pointer + "/settings", "round-robin takes no settings"));
            }
            return List.of();
        };
    }
}
