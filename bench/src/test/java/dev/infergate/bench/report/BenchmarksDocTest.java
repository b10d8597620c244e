package dev.infergate.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class BenchmarksDocTest {

    private static final String PAGE = """
            # Benchmarks
            <!-- results:proxy:begin -->
            old proxy numbers
            <!-- results:proxy:end -->
            <!-- results:streaming:begin -->
            pending
            <!-- results:streaming:end -->
            """;

    @Test
    void replacesOnlyItsOwnBlock() {
        assertThat(BenchmarksDoc.replaceSection(PAGE, "proxy", "| a |\n")).isEqualTo("""
                # Benchmarks
                <!-- results:proxy:begin -->
                | a |
                <!-- results:proxy:end -->
                <!-- results:streaming:begin -->
                pending
                <!-- results:streaming:end -->
                """);
    }

    @Test
    void aPageWithoutTheBlockIsLeftAlone() {
        assertThatThrownBy(() -> BenchmarksDoc.replaceSection(PAGE, "capacity", "x"))
                .hasMessage("docs/benchmarks.md has no <!-- results:capacity:begin --> ... <!-- results:capacity:end --> block");
    }
}
