package dev.infergate.routing.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class ByteBudgetTest {

    @Test
    void chunksUpToTheCapStayWithinAndTheNextByteExceeds() {
        ByteBudget budget = new ByteBudget(10);

        assertThat(budget.consume(4)).isEqualTo(ByteBudget.Outcome.WITHIN);
        assertThat(budget.consume(6)).isEqualTo(ByteBudget.Outcome.WITHIN);
        assertThat(budget.consume(1)).isEqualTo(ByteBudget.Outcome.EXCEEDED);
        assertThat(budget.consumed()).isEqualTo(11);
    }

    @Test
    void aDeclaredLengthIsJudgedBeforeAnyByteArrives() {
        ByteBudget budget = new ByteBudget(10);

        assertThat(budget.admitsDeclared(10)).isEqualTo(ByteBudget.Outcome.WITHIN);
        assertThat(budget.admitsDeclared(11)).isEqualTo(ByteBudget.Outcome.EXCEEDED);
    }

    @Test
    void negativeInputsAreRejectedWithTheExpectedRange() {
        assertThatThrownBy(() -> new ByteBudget(-1)).hasMessage("maxBytes: -1 (expected: >= 0)");
        assertThatThrownBy(() -> new ByteBudget(1).consume(-2)).hasMessage("bytes: -2 (expected: >= 0)");
    }
}
