package dev.infergate.bench.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.infergate.sim.model.FleetDefinition;
import dev.infergate.sim.model.ServerSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class FleetCapacityTest {

    /** Prompts of 8 tokens, exactly 10 output tokens. */
    private static final Workload TEN_TOKENS = Workload.independent(new LognormalLength(8, 0, 8, 8),
            new LognormalLength(10, 0, 10, 10), 1);

    @Test
    void oneSlotServesOneRequestPerTenStepsOfFiveMilliseconds() {
        // 1 prefill step that emits the first token, then 9 decode steps: 50 ms per request.
        FleetCapacity.Estimate estimate = FleetCapacity.of(fleet(server("a", 1.0, 1, Duration.ZERO)), TEN_TOKENS, 200);

        assertThat(estimate.total()).isCloseTo(20.0, within(1e-6));
    }

    @Test
    void halfTheSpeedHalvesTheCapacity() {
        FleetCapacity.Estimate estimate = FleetCapacity.of(fleet(server("a", 0.5, 1, Duration.ZERO)), TEN_TOKENS, 200);

        assertThat(estimate.total()).isCloseTo(10.0, within(1e-6));
    }

    @Test
    void aBatchOfFourPaysForItsDecodingSequencesInEveryStep() {
        // Four at a time: a 5 ms prefill step, then 9 steps of 5 + 4 × 0.25 = 6 ms: 4 requests per 59 ms.
        FleetCapacity.Estimate estimate = FleetCapacity.of(fleet(server("a", 1.0, 4, Duration.ofNanos(250_000))), TEN_TOKENS,
                400);

        assertThat(estimate.total()).isCloseTo(4 / 0.059, within(1e-6));
    }

    @Test
    void theFleetsCapacityIsTheSumOfItsServers() {
        FleetCapacity.Estimate estimate = FleetCapacity.of(fleet(server("a", 1.0, 1, Duration.ZERO),
                server("b", 0.5, 1, Duration.ZERO)), TEN_TOKENS, 200);

        assertThat(estimate.names()).containsExactly("a", "b");
        assertThat(estimate.perServer().get(0)).isCloseTo(20.0, within(1e-6));
        assertThat(estimate.perServer().get(1)).isCloseTo(10.0, within(1e-6));
        assertThat(estimate.total()).isCloseTo(30.0, within(1e-6));
    }

    @Test
    void inTheDefaultFleetAFasterServerWithMoreRoomServesMore() {
        FleetCapacity.Estimate estimate = FleetCapacity.of(FleetDefinition.defaultFleet(), Workload.independent(
                new LognormalLength(512, 0.6, 16, 4096), new LognormalLength(96, 0.6, 8, 1024), 1), 600);

        List<Double> perServer = estimate.perServer();
        assertThat(perServer.get(0)).isCloseTo(perServer.get(1), within(perServer.get(0) * 0.05));
        assertThat(perServer.get(1)).isGreaterThan(perServer.get(2));
        assertThat(perServer.get(2)).isGreaterThan(perServer.get(3));
    }

    private static FleetDefinition fleet(ServerSpec... servers) {
        return new FleetDefinition(List.of(servers));
    }

    private static ServerSpec server(String name, double speed, int maxBatch, Duration decodeCost) {
        return ServerSpec.builder()
                .name(name)
                .models("m")
                .speed(speed)
                .maxBatch(maxBatch)
                .kvCacheTokens(100_000)
                .prefixCacheTokens(0)
                .prefixBlockTokens(16)
                .stepOverhead(Duration.ofMillis(5))
                .prefillCostPerToken(Duration.ZERO)
                .prefillBudgetPerStep(2048)
                .decodeCostPerSeq(decodeCost)
                .defaultMaxTokens(16)
                .seed(1)
                .build();
    }
}
