package dev.infergate.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class FleetDefinitionTest {

    /** The pinned hash of the frozen default fleet: a change here must be deliberate. */
    private static final String DEFAULT_FLEET_HASH = "d25928782c76";

    private static final String SMALL_SERVER = """
            servers:
              - name: t
                models: [m]
                speed: 1
                maxBatch: 4
                kvCacheTokens: 4096
                prefixCacheTokens: 1024
                prefixBlockTokens: 16
                stepOverhead: 5ms
                prefillCostPerToken: 50us
                prefillBudgetPerStep: 512
                decodeCostPerSeq: 250us
                defaultMaxTokens: 16
                seed: 0
            """;

    @Test
    void theDefaultFleetIsTheShippedFleetFile() {
        assertThat(FleetDefinition.readDefaultResource()).isEqualTo(FleetDefinition.defaultFleet());
    }

    @Test
    void theDefaultFleetsHashIsPinned() {
        assertThat(FleetDefinition.defaultFleet().configurationHash()).isEqualTo(DEFAULT_FLEET_HASH);
    }

    @Test
    void theDefaultFleetHasFourServersOfDecreasingSpeedAndMemory() {
        List<ServerSpec> servers = FleetDefinition.defaultFleet().servers();

        assertThat(servers).extracting(ServerSpec::name).containsExactly("sim-0", "sim-1", "sim-2", "sim-3");
        assertThat(servers).extracting(ServerSpec::speed).containsExactly(1.0, 1.0, 0.6, 0.4);
        assertThat(servers).extracting(ServerSpec::kvCacheTokens).containsExactly(65_536, 65_536, 40_960, 24_576);
        assertThat(servers).allSatisfy(server -> assertThat(server.models())
                .containsExactly("llama-3-8b-instruct", "qwen2-7b-instruct"));
    }

    @Test
    void aServerFileReadsIntoTheSpecification() {
        assertThat(FleetDefinition.parse(SMALL_SERVER).servers()).containsExactly(TestServers.small());
    }

    @Test
    void keysMissingOnAServerComeFromDefaultsAndTheZoneDefaultsToLocal() {
        FleetDefinition withDefaults = FleetDefinition.parse("""
                defaults:
                  models: [m]
                  speed: 1
                  maxBatch: 4
                  kvCacheTokens: 4096
                  prefixCacheTokens: 1024
                  prefixBlockTokens: 16
                  stepOverhead: 5ms
                  prefillCostPerToken: 0.05ms
                  prefillBudgetPerStep: 512
                  decodeCostPerSeq: 250us
                  defaultMaxTokens: 16
                  seed: 0
                servers:
                  - name: t
                  - name: u
                    speed: 0.5
                    zone: eu-west-1a
                """);

        assertThat(withDefaults.servers()).containsExactly(
                TestServers.small(),
                TestServers.small().toBuilder().name("u").speed(0.5).zone("eu-west-1a").build());
        assertThat(withDefaults.server("u")).map(ServerSpec::zone).hasValue("eu-west-1a");
    }

    @Test
    void equalServersHaveEqualHashesAndADifferentFieldChangesTheHash() {
        FleetDefinition small = new FleetDefinition(List.of(TestServers.small()));

        assertThat(FleetDefinition.parse(SMALL_SERVER).configurationHash()).isEqualTo(small.configurationHash())
                .hasSize(12).matches("[0-9a-f]{12}");
        assertThat(new FleetDefinition(List.of(TestServers.small().toBuilder().seed(1).build())).configurationHash())
                .isNotEqualTo(small.configurationHash());
    }

    @Test
    void theCanonicalTextListsEveryField() {
        assertThat(new FleetDefinition(List.of(TestServers.small())).canonicalText()).isEqualTo("""
                infergate-fleet/1
                server name="t" models=["m"] speed=1 maxBatch=4 kvCacheTokens=4096 prefixCacheTokens=1024 \
                prefixBlockTokens=16 stepOverhead=5000000ns prefillCostPerToken=50000ns prefillBudgetPerStep=512 \
                decodeCostPerSeq=250000ns defaultMaxTokens=16 seed=0 zone="local"
                """);
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                arguments("", "fleet: empty (expected: a mapping with the keys defaults and servers)"),
                arguments("- a\n- b\n", "fleet: a list (expected: a mapping with the keys defaults and servers)"),
                arguments("server: []\n", "fleet: unknown key \"server\" (expected one of: defaults, servers)"),
                arguments("defaults: {}\n", "servers: missing (expected: a list of servers)"),
                arguments("servers: []\n", "servers: [] (expected: a list of at least one server)"),
                arguments("servers: [sim-0]\n", "servers[0]: \"sim-0\" (expected: a mapping of server keys)"),
                arguments(SMALL_SERVER.replace("maxBatch:", "maxbatch:"),
                        "servers[0]: unknown key \"maxbatch\" (expected one of: name, models, speed, maxBatch, "
                                + "kvCacheTokens, prefixCacheTokens, prefixBlockTokens, stepOverhead, "
                                + "prefillCostPerToken, prefillBudgetPerStep, decodeCostPerSeq, defaultMaxTokens, "
                                + "seed, zone)"),
                arguments("defaults:\n  name: x\n" + SMALL_SERVER,
                        "defaults: unknown key \"name\" (expected one of: models, speed, maxBatch, "
                                + "kvCacheTokens, prefixCacheTokens, prefixBlockTokens, stepOverhead, "
                                + "prefillCostPerToken, prefillBudgetPerStep, decodeCostPerSeq, defaultMaxTokens, "
                                + "seed, zone)"),
                arguments(SMALL_SERVER.replace("    decodeCostPerSeq: 250us\n", ""),
                        "servers[0].decodeCostPerSeq: missing (expected: on the server or under defaults)"),
                arguments(SMALL_SERVER.replace("maxBatch: 4", "maxBatch: many"),
                        "servers[0].maxBatch: \"many\" (expected: an integer)"),
                arguments(SMALL_SERVER.replace("maxBatch: 4", "maxBatch: 4.5"),
                        "servers[0].maxBatch: 4.5 (expected: an integer)"),
                arguments(SMALL_SERVER.replace("speed: 1", "speed: fast"),
                        "servers[0].speed: \"fast\" (expected: a number)"),
                arguments(SMALL_SERVER.replace("models: [m]", "models: m"),
                        "servers[0].models: \"m\" (expected: a list of strings)"),
                arguments(SMALL_SERVER.replace("models: [m]", "models: [m, [n]]"),
                        "servers[0].models[1]: a list (expected: a string)"),
                arguments(SMALL_SERVER.replace("stepOverhead: 5ms", "stepOverhead: 5"),
                        "servers[0].stepOverhead: 5 (expected: a duration such as 5ms, 250us or 60us)"),
                arguments(SMALL_SERVER.replace("stepOverhead: 5ms", "stepOverhead: 5 parsecs"),
                        "servers[0].stepOverhead: \"5 parsecs\" (expected: a duration such as 5ms, 250us or 60us)"),
                arguments(SMALL_SERVER.replace("stepOverhead: 5ms", "stepOverhead: 0.5ns"),
                        "servers[0].stepOverhead: \"0.5ns\" (expected: a whole number of nanoseconds)"),
                arguments(SMALL_SERVER.replace("maxBatch: 4", "maxBatch: 0"),
                        "servers[0]: maxBatch: 0 (expected: > 0)"),
                arguments("defaults:\n  speed: fast\n" + SMALL_SERVER.replace("    speed: 1\n", ""),
                        "defaults.speed: \"fast\" (expected: a number)"),
                arguments(SMALL_SERVER + SMALL_SERVER.replace("servers:\n", ""),
                        "servers[1].name: \"t\" (expected: a name not used by servers[0])"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidFiles")
    void anInvalidFleetFileIsRejectedWithAnExactMessage(String yaml, String message) {
        assertThatThrownBy(() -> FleetDefinition.parse(yaml))
                .isInstanceOf(InvalidFleetException.class)
                .hasMessage(message);
    }

    @Test
    void aFileThatIsNotYamlIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> FleetDefinition.parse("servers:\n  - name: [a\n"))
                .isInstanceOf(InvalidFleetException.class)
                .hasMessageStartingWith("fleet: not valid YAML at line ");
    }

    @Test
    void aDuplicateKeyIsRejected() {
        assertThatThrownBy(() -> FleetDefinition.parse(SMALL_SERVER + "    seed: 1\n"))
                .isInstanceOf(InvalidFleetException.class)
                .hasMessageStartingWith("fleet: not valid YAML")
                .hasMessageContaining("seed");
    }

    @Test
    void aFleetNeedsServersWithDistinctNames() {
        assertThatThrownBy(() -> new FleetDefinition(List.of()))
                .hasMessage("servers: [] (expected: at least one server)");
        assertThatThrownBy(() -> new FleetDefinition(List.of(TestServers.small(), TestServers.small())))
                .hasMessage("servers: two named \"t\" (expected: distinct names)");
    }
}
