package dev.infergate.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class OtherLoadTest {

    @Test
    void busyTimeIsEverythingButIdleAndIowait() {
        long[] ticks = OtherLoad.machineTicks("cpu  100 5 50 800 20 3 2 10 7 0");

        assertThat(ticks[0]).isEqualTo(990);
        assertThat(ticks[1]).isEqualTo(170);
    }
}
