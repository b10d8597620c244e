package dev.infergate.sim.model;

import static dev.infergate.sim.model.TestServers.DECODE_PER_SEQ;
import static dev.infergate.sim.model.TestServers.OVERHEAD;
import static dev.infergate.sim.model.TestServers.millis;
import static dev.infergate.sim.model.TestServers.request;
import static dev.infergate.sim.model.TestServers.runUntilIdle;
import static dev.infergate.sim.model.TestServers.submit;
import static dev.infergate.sim.model.TestServers.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

final class SpeedTest {

    private final ServerModel model = ServerModel.create(TestServers.small());

    @Test
    void aSpeedChangeAppliesToStepsStartingAfterItAndNotToTheStepInProgress() {
        RecordingListener listener = submit(model, request(100, 10));
        model.advanceTo(millis(12));

        model.setSpeed(0.5);
        runUntilIdle(model);

        // The step from 10 ms to 15.25 ms keeps its end; later steps take (5 + 0.25) / 0.5 ms.
        long slowDecode = 2 * (OVERHEAD + DECODE_PER_SEQ);
        assertThat(listener.tokenTimes.subList(0, 2)).containsExactly(millis(10), millis(15.25));
        for (int i = 2; i < 10; i++) {
            assertThat(listener.interval(i)).isEqualTo(slowDecode).isEqualTo(millis(10.5));
        }
        assertThat(listener.completedAt).isEqualTo(millis(15.25) + 8 * millis(10.5));
    }

    @Test
    void aSpeedChangeAtAStepBoundaryAppliesToTheStepStartingThen() {
        RecordingListener listener = submit(model, request(100, 3));
        model.advanceTo(millis(15.25));

        model.setSpeed(0.5);
        runUntilIdle(model);

        assertThat(listener.tokenTimes).containsExactly(millis(10), millis(15.25), millis(25.75));
    }

    @Test
    void saturatedThroughputScalesWithSpeed() {
        long fast = timeToServe500Requests(1.0);
        long slow = timeToServe500Requests(0.5);

        assertThat((double) slow / fast).isCloseTo(2.0, withinPercentage(10));
    }

    @Test
    void speedMustBePositiveAndFinite() {
        assertThatThrownBy(() -> model.setSpeed(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("speed: 0.0 (expected: > 0 and finite)");
        assertThatThrownBy(() -> model.setSpeed(Double.NaN))
                .hasMessage("speed: NaN (expected: > 0 and finite)");
    }

    /** Submits 500 requests (200 distinct prompt tokens, 64 output tokens) at once to an A100-class server. */
    private static long timeToServe500Requests(double speed) {
        ServerModel server = ServerModel.create(ServerSpec.builder().name("bench").speed(speed).build());
        RecordingListener[] listeners = new RecordingListener[500];
        for (int i = 0; i < listeners.length; i++) {
            listeners[i] = submit(server, new GenerationRequest(tokens(i * 1000, 200), 64));
        }

        long idleAt = runUntilIdle(server);

        for (RecordingListener listener : listeners) {
            assertThat(listener.tokenTimes).hasSize(64);
        }
        assertThat(server.snapshot().requestsFinished()).isEqualTo(500);
        return idleAt;
    }
}
