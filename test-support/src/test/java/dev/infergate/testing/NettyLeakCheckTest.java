package dev.infergate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The leak check bites: a class that drops a buffer fails, one that releases it passes. */
final class NettyLeakCheckTest {

    @Test
    void leakDetectionRunsAtParanoidLevel() {
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void aClassThatDropsABufferFailsWithTheLeak() {
        Events containers = run(LeakingClass.class).containerEvents();

        containers.assertThatEvents().haveExactly(1, event(container(LeakingClass.class),
                finishedWithFailure(instanceOf(NettyLeakError.class), message(m -> m.contains("LEAK")))));
    }

    @Test
    void aClassThatReleasesItsBuffersPasses() {
        run(TidyClass.class).containerEvents().assertStatistics(stats -> stats.failed(0).succeeded(2));
    }

    private static org.junit.platform.testkit.engine.EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .selectors(selectClass(testClass))
                .execute();
    }

    /** Run only through the test kit above (nested classes are not picked up by the build). */
    static final class LeakingClass {
        @Test
        void dropsABuffer() {
            ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(64);
            leaked.writeLong(42);
        }
    }

    static final class TidyClass {
        @Test
        void releasesItsBuffer() {
            ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(64);
            buffer.writeLong(42);
            buffer.release();
        }
    }
}
