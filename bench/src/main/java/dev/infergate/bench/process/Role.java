package dev.infergate.bench.process;

/** Which side of the measurement a process is on, and so which core it is pinned to. */
public enum Role {
    /** Load generators: wrk, h2load, the harness's own JVM. */
    LOAD,
    /** The system under test and the backend behind it. */
    SYSTEM
}
