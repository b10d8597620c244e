package dev.infergate.routing.resilience;

import dev.infergate.routing.core.balance.NanoClock;
import dev.infergate.routing.core.resilience.BudgetDecision;
import dev.infergate.routing.core.resilience.RetryBudget;
import dev.infergate.routing.core.resilience.RetryBudgetSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's retry budgets: one per route and one per pool, so that several routes retrying
 * against one pool cannot add up to more than one budget's share of its load. A budget is created
 * with the settings of the first policy that uses it and replaced, empty, when a request brings
 * other settings (a policy edit; routes sharing a pool should share budget settings).
 */
public final class RetryBudgets {

    private final NanoClock clock;
    private final Map<String, RetryBudget> budgets = new ConcurrentHashMap<>();

    public RetryBudgets(NanoClock clock) {
        this.clock = clock;
    }

    /** The budgets of a request: the route's, and the pool's when the route targets one. */
    public List<RetryBudget> of(String route, String pool, RetryBudgetSettings settings) {
        List<RetryBudget> found = new ArrayList<>(2);
        found.add(budget("route:" + route, settings));
        if (!pool.isEmpty()) {
            found.add(budget("pool:" + pool, settings));
        }
        return found;
    }

    /** A retry is granted when every budget grants it; a budget that granted is given back when a later one refuses. */
    public static BudgetDecision tryRetry(List<RetryBudget> budgets) {
        List<RetryBudget> granted = new ArrayList<>(budgets.size());
        BudgetDecision decision = null;
        for (RetryBudget budget : budgets) {
            decision = budget.tryRetry();
            if (decision instanceof BudgetDecision.Exhausted) {
                granted.forEach(RetryBudget::cancelRetry);
                return decision;
            }
            granted.add(budget);
        }
        return decision == null ? new BudgetDecision.Granted(0, 0) : decision;
    }

    private RetryBudget budget(String key, RetryBudgetSettings settings) {
        return budgets.compute(key, (name, current) ->
                current != null && current.settings().equals(settings) ? current : new RetryBudget(settings, clock));
    }
}
