package dev.infergate.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class ProcessMeterTest {

    @Test
    void cpuIsUserPlusSystemTicksCountedAfterTheCommandName() {
        String stat = "7378 (my (odd) proc) R 7123 7123 19836 0 -1 4194304 102 0 0 0 250 31 0 0 20 0 1 0 271816";

        assertThat(ProcessMeter.cpuTicks(stat)).isEqualTo(281);
    }

    @Test
    void waitedChildrenAreCutimePlusCstime() {
        String stat = "7378 (java) S 7123 7123 19836 0 -1 4194304 102 5 6 7 250 31 40 2 20 0 1 0 271816";

        assertThat(ProcessMeter.waitedChildrenTicks(stat)).isEqualTo(42);
    }

    @Test
    void rssIsVmRss() {
        assertThat(ProcessMeter.rssKiB(List.of("Name:\tjava", "VmHWM:\t  90000 kB", "VmRSS:\t  81234 kB"))).isEqualTo(81234);
    }

    @Test
    void theRunningJvmUsesCpuAndMemory() {
        assertThat(ProcessMeter.cpuMicros(ProcessHandle.current())).isPositive();
        assertThat(ProcessMeter.rssKiB(ProcessHandle.current())).isPositive();
    }

    @Test
    void compilerThreadsAreTheJitsOwn() {
        assertThat(ProcessMeter.isCompilerThread("7380 (C2 CompilerThre) S 1 2 3")).isTrue();
        assertThat(ProcessMeter.isCompilerThread("7381 (C1 CompilerThre) S 1 2 3")).isTrue();
        assertThat(ProcessMeter.isCompilerThread("7382 (reactor-http-epoll-1) R 1 2 3")).isFalse();
        assertThat(ProcessMeter.isCompilerThread("7383 (Compiler) R 1 2 3")).isFalse();
    }

    @Test
    void theRunningJvmHasCompiledSomething() {
        assertThat(ProcessMeter.compilerCpuMicros(ProcessHandle.current())).isPositive();
    }
}
