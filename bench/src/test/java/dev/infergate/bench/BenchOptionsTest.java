package dev.infergate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class BenchOptionsTest {

    private static final Path ROOT = Path.of("/project");

    @Test
    void theProxySetMeasuresEveryContenderOnNativeTransportAndWritesTheDocs() {
        BenchOptions options = BenchOptions.parse(new String[] {"proxy"}, ROOT);

        assertThat(options.contenders()).containsExactly("direct", "nginx", "haproxy", "bare-rn", "vanilla-scg",
                "infergate", "infergate-full");
        assertThat(options.nativeTransport()).isTrue();
        assertThat(options.writeDocs()).isTrue();
        assertThat(options.pin()).isTrue();
        assertThat(options.rounds()).isEqualTo(2);
        assertThat(options.command()).isEqualTo("bench/run proxy");
    }

    @Test
    void theLimitsSetComparesInfergateWithAndWithoutARateLimit() {
        BenchOptions options = BenchOptions.parse(new String[] {"limits"}, ROOT);

        assertThat(options.contenders()).containsExactly("direct", "infergate", "infergate-limit", "infergate-limit-redis");
        assertThat(options.writeDocs()).isTrue();
    }

    @Test
    void theSmokeSetTriesEveryContender() {
        assertThat(BenchOptions.parse(new String[] {"smoke"}, ROOT).contenders()).containsExactly("direct", "nginx",
                "haproxy", "bare-rn", "vanilla-scg", "infergate", "infergate-limit", "infergate-limit-redis", "infergate-full");
    }

    @Test
    void noNativeIsOneFlagAndAppearsInTheCommandOfTheReport() {
        BenchOptions options = BenchOptions.parse(new String[] {"streaming", "--no-native", "--rounds", "5"}, ROOT);

        assertThat(options.nativeTransport()).isFalse();
        assertThat(options.rounds()).isEqualTo(5);
        assertThat(options.contenders()).containsExactly("direct", "nginx", "haproxy", "infergate");
        assertThat(options.command()).isEqualTo("bench/run streaming --no-native --rounds 5");
    }

    @Test
    void theScriptsPidsFileIsNotPartOfTheCommandOfTheReport() {
        BenchOptions options = BenchOptions.parse(new String[] {"capacity", "--pids-file", "/tmp/p", "--levels", "10,20"}, ROOT);

        assertThat(options.pidsFile()).isEqualTo(Path.of("/tmp/p"));
        assertThat(options.levels()).containsExactly(10, 20);
        assertThat(options.command()).isEqualTo("bench/run capacity --levels 10,20");
    }

    @Test
    void smokeNeverWritesTheDocsNorPins() {
        BenchOptions options = BenchOptions.parse(new String[] {"smoke"}, ROOT);

        assertThat(options.writeDocs()).isFalse();
        assertThat(options.pin()).isFalse();
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theRoutingSetsRunOneRoundOfEveryRoutingContenderWithTheirOwnLoads() {
        BenchOptions load = BenchOptions.parse(new String[] {"routing-load"}, ROOT);
        BenchOptions slowdown = BenchOptions.parse(new String[] {"routing-slowdown", "--seed", "7"}, ROOT);

        assertThat(load.contenders()).containsExactly("infergate-capacity", "infergate-prefix-affinity",
                "infergate-least-request", "infergate-round-robin", "nginx-least-conn", "nginx-random-two",
                "haproxy-leastconn", "haproxy-random2");
        assertThat(load.rounds()).isEqualTo(1);
        assertThat(load.loads()).containsExactly(60, 80, 95);
        assertThat(load.duration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(load.writeDocs()).isTrue();
        assertThat(BenchOptions.parse(new String[] {"routing-prefix", "--loads", "70"}, ROOT).loads()).containsExactly(70);
        assertThat(slowdown.duration()).isEqualTo(Duration.ofSeconds(40));
        assertThat(slowdown.loads()).containsExactly(70);
        assertThat(slowdown.seed()).isEqualTo(7);
        assertThat(slowdown.command()).isEqualTo("bench/run routing-slowdown --seed 7");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"routing-load", "--contenders", "nginx"}, ROOT))
                .hasMessageStartingWith("unknown routing contender nginx; expected some of [infergate-capacity");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"speed"}, ROOT)).hasMessage("unknown scenario set speed");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"proxy", "--rounds", "0"}, ROOT))
                .hasMessage("--rounds: 0 (expected: a whole number > 0)");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"proxy", "--contenders", "envoy"}, ROOT))
                .hasMessageStartingWith("unknown contender envoy; expected some of [direct, nginx");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"proxy", "--duration"}, ROOT))
                .hasMessage("--duration needs a value");
    }
}
