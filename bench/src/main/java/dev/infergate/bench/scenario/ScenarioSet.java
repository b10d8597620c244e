package dev.infergate.bench.scenario;

/** One named set of measurements: it starts what it needs through the run and stops it again. */
public interface ScenarioSet {

    SetOutcome run(BenchRun run);
}
