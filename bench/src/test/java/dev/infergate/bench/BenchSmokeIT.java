package dev.infergate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infergate.bench.scenario.SetOutcome;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the harness's smoke set as {@code bench/run smoke} does: every contender is started and must
 * answer each measuring path. Timings are not asserted, only that everyone answered, so that the
 * harness cannot rot between benchmark runs.
 */
final class BenchSmokeIT {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyContenderAnswersEveryMeasuringPath() {
        Path root = Path.of(System.getProperty("bench.root", "..")).toAbsolutePath().normalize();

        SetOutcome outcome = Bench.run(BenchOptions.parse(new String[] {"smoke"}, root));

        assertThat(outcome.passed()).as(outcome.markdown()).isTrue();
        assertThat(outcome.markdown()).contains("Every contender answered.");
    }
}
