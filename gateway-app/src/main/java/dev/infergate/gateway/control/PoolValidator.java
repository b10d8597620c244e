package dev.infergate.gateway.control;

import java.util.List;

/** Checks a pool's strategy and its settings; the balancing feature provides the strategies. */
@FunctionalInterface
public interface PoolValidator {

    List<ConfigurationProblem> validate(PoolDefinition pool, String pointer);
}
