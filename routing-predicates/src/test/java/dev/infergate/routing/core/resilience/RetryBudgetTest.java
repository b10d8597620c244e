package dev.infergate.routing.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class RetryBudgetTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void withoutTrafficOnlyTheMinimumPerSecondOfTheWindowIsAllowed() {
        RetryBudget budget = new RetryBudget(new RetryBudgetSettings(0.2, 0.5, Duration.ofSeconds(4)), clock);

        assertThat(budget.tryRetry()).isEqualTo(new BudgetDecision.Granted(1, 0));
        assertThat(budget.tryRetry()).isEqualTo(new BudgetDecision.Granted(2, 0));
        assertThat(budget.tryRetry()).isEqualTo(new BudgetDecision.Exhausted(2, 0, 2.0));
    }

    @Test
    void retriesAreAllowedUpToTheRatioOfRequestsPlusTheMinimum() {
        RetryBudget budget = new RetryBudget(new RetryBudgetSettings(0.2, 0, Duration.ofSeconds(10)), clock);
        for (int i = 0; i < 10; i++) {
            budget.recordRequest();
        }

        assertThat(budget.tryRetry()).isEqualTo(new BudgetDecision.Granted(1, 10));
        assertThat(budget.tryRetry()).isEqualTo(new BudgetDecision.Granted(2, 10));
        assertThat(budget.tryRetry()).isEqualTo(new BudgetDecision.Exhausted(2, 10, 2.0));
        budget.recordRequest();
        budget.recordRequest();
        budget.recordRequest();
        budget.recordRequest();
        budget.recordRequest();
        assertThat(budget.tryRetry()).isEqualTo(new BudgetDecision.Granted(3, 15));
    }

    @Test
    void requestsAndRetriesLeaveTheWindowWholeSecondsAfterTheirSecond() {
        RetryBudget budget = new RetryBudget(new RetryBudgetSettings(0.5, 0, Duration.ofSeconds(3)), clock);
        budget.recordRequest();
        budget.recordRequest();
        assertThat(budget.tryRetry()).isInstanceOf(BudgetDecision.Granted.class);
        assertThat(budget.tryRetry()).isEqualTo(new BudgetDecision.Exhausted(1, 2, 1.0));

        clock.advance(Duration.ofSeconds(2));
        assertThat(budget.tryRetry()).isEqualTo(new BudgetDecision.Exhausted(1, 2, 1.0));

        clock.advance(Duration.ofSeconds(1));
        assertThat(budget.tryRetry()).isEqualTo(new BudgetDecision.Exhausted(0, 0, 0.0));
        budget.recordRequest();
        budget.recordRequest();
        assertThat(budget.tryRetry()).isEqualTo(new BudgetDecision.Granted(1, 2));
    }

    @Test
    void aCancelledRetryIsGivenBack() {
        RetryBudget budget = new RetryBudget(new RetryBudgetSettings(0, 0.1, Duration.ofSeconds(10)), clock);
        assertThat(budget.tryRetry()).isEqualTo(new BudgetDecision.Granted(1, 0));

        budget.cancelRetry();

        assertThat(budget.tryRetry()).isEqualTo(new BudgetDecision.Granted(1, 0));
    }

    @Test
    void aFiveHundredStormIsHeldToTheRatioPlusTheMinimum() {
        RetryBudget budget = new RetryBudget(new RetryBudgetSettings(0.2, 1, Duration.ofSeconds(10)), clock);
        int retries = 0;
        for (int request = 0; request < 1000; request++) {
            budget.recordRequest();
            while (budget.tryRetry() instanceof BudgetDecision.Granted) {
                retries++;
            }
            if (request % 100 == 99) {
                clock.advance(Duration.ofMillis(999));
            }
        }

        assertThat(retries).isEqualTo(210);
    }
}
