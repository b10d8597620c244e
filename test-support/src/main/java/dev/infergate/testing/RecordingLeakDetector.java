package dev.infergate.testing;

import io.netty.util.ResourceLeakDetector;

/**
 * A Netty leak detector that records every leak it finds instead of only logging it.
 *
 * <p>Netty instantiates it through {@code -Dio.netty.customResourceLeakDetector} (set for every test
 * JVM by the parent build), so it replaces the default detector before the first buffer exists.
 * Reporting does not depend on the logging configuration: Netty's own detector stays silent when
 * its logger is off, which would let a leak pass unnoticed.
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval);
    }

    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LeakRecords.add(resourceType + " leaked; last accesses:" + records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LeakRecords.add(resourceType + " leaked (no access records: raise the leak detection level)");
    }
}
