package dev.infergate.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class JvmInspectorTest {

    @Test
    void readsTheHeapInUseFromHeapInfo() {
        assertThat(JvmInspector.heapUsedKiB("""
                7126:
                 garbage-first heap   total 397312K, used 56780K [0x0000000687400000, 0x0000000800000000)
                  region size 4096K, 13 young (53248K), 1 survivors (4096K)
                 Metaspace       used 17129K, committed 17344K, reserved 1114112K
                """)).isEqualTo(56780);
    }

    @Test
    void readsDirectMemoryFromNativeMemoryTrackingsOther() {
        assertThat(JvmInspector.directKiB("""
                -                     Other (reserved=3562KB, committed=3562KB)
                                           (malloc=3562KB #39) (at peak)
                """)).isEqualTo(3562);
    }

    @Test
    void withoutTrackingTheMessageSaysWhy() {
        assertThatThrownBy(() -> JvmInspector.directKiB("Native memory tracking is not enabled"))
                .hasMessageContaining("is NativeMemoryTracking on?");
    }
}
