package dev.infergate.bench;

import dev.infergate.bench.scenario.BenchRun;
import dev.infergate.bench.scenario.CapacitySet;
import dev.infergate.bench.scenario.ProxySet;
import dev.infergate.bench.scenario.RoutingLoadSet;
import dev.infergate.bench.scenario.RoutingPrefixSet;
import dev.infergate.bench.scenario.RoutingSlowdownSet;
import dev.infergate.bench.scenario.ScenarioSet;
import dev.infergate.bench.scenario.SetOutcome;
import dev.infergate.bench.scenario.SmokeSet;
import dev.infergate.bench.scenario.StreamingSet;
import java.nio.file.Path;

/**
 * Runs one named scenario set (see {@link BenchOptions#USAGE}), prints its tables and, unless told
 * otherwise, writes them into {@code docs/benchmarks.md}. Exit status 0 when the set passed (for
 * smoke: every contender answered), 1 when it did not, 2 for a bad command line.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, Path.of(System.getProperty("bench.root", ".")));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        SetOutcome outcome;
        try {
            outcome = run(options);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
            return;
        }
        System.exit(outcome.passed() ? 0 : 1);
    }

    /** Runs the set; every process it started is stopped when it returns or throws. */
    public static SetOutcome run(BenchOptions options) {
        ScenarioSet set = switch (options.set()) {
            case "proxy", "limits" -> new ProxySet(options.set());
            case "streaming" -> new StreamingSet();
            case "capacity" -> new CapacitySet();
            case "smoke" -> new SmokeSet();
            case BenchOptions.ROUTING_LOAD -> new RoutingLoadSet();
            case BenchOptions.ROUTING_PREFIX -> new RoutingPrefixSet();
            case BenchOptions.ROUTING_SLOWDOWN -> new RoutingSlowdownSet();
            default -> throw new IllegalArgumentException("unknown scenario set " + options.set());
        };
        try (BenchRun run = new BenchRun(options)) {
            SetOutcome outcome = set.run(run);
            run.requireIntact();
            System.out.println();
            System.out.println(outcome.markdown());
            if (options.writeDocs()) {
                outcome.write(options.root());
                System.out.println("Results written to " + options.root().resolve("docs/benchmarks.md"));
            }
            run.succeeded(outcome.passed());
            return outcome;
        }
    }
}
