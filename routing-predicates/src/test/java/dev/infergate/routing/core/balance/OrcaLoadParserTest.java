package dev.infergate.routing.core.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class OrcaLoadParserTest {

    private final OrcaLoadParser parser = new OrcaLoadParser(OrcaLoadNames.defaults());

    @Test
    void theSimulatorsReportGivesWaitingRunningAndKvCacheUsage() {
        String header = "TEXT cpu_utilization=0.375, named_metrics.queue=3, named_metrics.running=12, named_metrics.kv_cache=0.3125";

        assertThat(parser.parse(header)).isEqualTo(new LoadParseResult.Parsed(BackendLoad.of(3, 12, 0.3125), List.of()));
    }

    @Test
    void whitespaceAroundPairsAndOrderDoNotMatter() {
        assertThat(parser.parse("  TEXT named_metrics.kv_cache = 0.5 ,named_metrics.running=2,named_metrics.queue=0  "))
                .isEqualTo(new LoadParseResult.Parsed(BackendLoad.of(0, 2, 0.5), List.of()));
    }

    @Test
    void missingKeysAreListedAndTheOthersKept() {
        assertThat(parser.parse("TEXT cpu_utilization=0.9, named_metrics.queue=7"))
                .isEqualTo(new LoadParseResult.Parsed(
                        new BackendLoad(OptionalDouble.of(7), OptionalDouble.empty(), OptionalDouble.empty()),
                        List.of("running", "kv-cache-usage")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                                   | empty load report
            TEXT                                                 | no metrics in load report
            'JSON {"cpu_utilization": 0.3}'                      | load report format "JSON" is not supported (expected: TEXT)
            BIN Cg0KCQ==                                         | load report format "BIN" is not supported (expected: TEXT)
            TEXT named_metrics.queue                             | malformed pair "named_metrics.queue" (expected: key=value)
            'TEXT named_metrics.queue=3,'                        | malformed pair "" (expected: key=value)
            TEXT =3                                              | malformed pair "=3" (expected: key=value)
            TEXT named_metrics.queue=three                       | named_metrics.queue: "three" (expected: a number)
            'TEXT named_metrics.queue=1, named_metrics.queue=2'  | named_metrics.queue: reported twice
            TEXT named_metrics.queue=-2                          | named_metrics.queue: -2.0 (expected: a finite number >= 0)
            TEXT named_metrics.kv_cache=1.5                      | named_metrics.kv_cache: 1.5 (expected: a number within 0..1)
            TEXT named_metrics.running=1e999                     | named_metrics.running: Infinity (expected: a finite number >= 0)
            TEXT cpu_utilization=0.4                             | no load metric reported (expected one of: named_metrics.queue, named_metrics.running, named_metrics.kv_cache)
            <html>oops</html>                                    | load report format "<html>oops</html>" is not supported (expected: TEXT)
            """)
    void garbageAndMissingValuesAreUnusableWithAReason(String header, String reason) {
        assertThat(parser.parse(header)).isEqualTo(new LoadParseResult.Unusable(reason));
    }

    @Test
    void keysAreConfigurable() {
        OrcaLoadParser custom = new OrcaLoadParser(new OrcaLoadNames("named_metrics.waiting", "named_metrics.batch", "utilization.kv"));

        assertThat(custom.parse("TEXT named_metrics.waiting=1, named_metrics.batch=2, utilization.kv=0.25"))
                .isEqualTo(new LoadParseResult.Parsed(BackendLoad.of(1, 2, 0.25), List.of()));
    }
}
