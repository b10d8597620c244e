package dev.infergate.bench.contender;

import dev.infergate.bench.process.FreePorts;
import dev.infergate.bench.process.Supervisor;
import java.nio.file.Path;

/**
 * What a contender needs to start: where processes are supervised, free ports, a scratch folder,
 * the project root (for the application jars), the harness's classpath (for its own mains), the
 * backend to proxy to and the JVM flags.
 */
public record ContenderContext(Supervisor supervisor, FreePorts ports, Path workDir, Path root, String classpath,
        Backend backend, JvmFlags jvmFlags) {
}
