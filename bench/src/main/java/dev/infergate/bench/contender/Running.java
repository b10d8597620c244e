package dev.infergate.bench.contender;

import dev.infergate.bench.process.Launched;
import dev.infergate.bench.process.Readiness;
import dev.infergate.bench.process.Supervisor;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A started contender.
 *
 * @param name the contender's name in tables
 * @param policies what its request path runs, for the table
 * @param http1 where HTTP/1.1 clients reach it
 * @param h2c where h2c clients (prior knowledge) reach it; the same port for the JVMs
 * @param measured the process whose CPU and memory are the contender's (for {@code direct}: the
 *     backend)
 * @param jvm whether {@code measured} is a JVM that {@code jcmd} can inspect
 * @param owned the process this contender started and must stop, none for {@code direct}
 */
public record Running(String name, String policies, URI http1, URI h2c, ProcessHandle measured, boolean jvm,
        @Nullable Launched owned) {

    /** Returns once a request through the contender reaches the backend. */
    public void awaitReady(Duration timeout) {
        if (owned != null) {
            Readiness.await(http1.resolve("/fixed"), timeout, owned);
        }
    }

    public void stop(Supervisor supervisor) {
        if (owned != null) {
            supervisor.stop(owned);
        }
    }
}
