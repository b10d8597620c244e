package dev.infergate.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class CpuPinningTest {

    @Test
    void expandsTasksetsListForm() {
        assertThat(CpuList.expand("0-2,5\n")).containsExactly(0, 1, 2, 5);
        assertThat(CpuList.expand(" 1 ")).containsExactly(1);
    }

    @Test
    void switchedOffItPinsNothing() {
        CpuPinning pinning = CpuPinning.detect(false);

        assertThat(pinning.active()).isFalse();
        assertThat(pinning.prefix(Role.SYSTEM)).isEmpty();
        assertThat(pinning.description()).isEqualTo("not pinned (switched off)");
    }
}
