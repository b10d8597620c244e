package dev.infergate.bench.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ShareWindowsTest {

    @Test
    void windowsSplitTheRequestsOfEachIntervalByServer() {
        List<ShareWindows.Window> windows = ShareWindows.of(List.of(
                reading(0, 0, 0), reading(1, 30, 10), reading(2, 30, 10), reading(3, 35, 30)), 1);

        assertThat(windows).hasSize(3);
        assertThat(windows.get(0).requests()).isEqualTo(40);
        assertThat(windows.get(0).shares()).containsExactly(0.75, 0.25);
        assertThat(windows.get(1).shares()[0]).isNaN();
        assertThat(windows.get(2).shares()).containsExactly(0.2, 0.8);
        assertThat(ShareWindows.of(List.of(reading(0, 0, 0), reading(1, 1, 1), reading(2, 4, 0 + 2)), 2).get(0).shares())
                .containsExactly(4 / 6.0, 2 / 6.0);
    }

    @Test
    void aShareOverSeveralWindowsWeighsThemByTheirRequests() {
        List<ShareWindows.Window> windows = ShareWindows.of(List.of(
                reading(0, 0, 0), reading(1, 10, 0), reading(2, 10, 30)), 1);

        assertThat(ShareWindows.share(windows, 0, 0, 2)).isCloseTo(0.25, within(1e-12));
        assertThat(ShareWindows.share(windows, 0, 1, 2)).isZero();
        assertThat(ShareWindows.share(windows, 0, 5, 9)).isNaN();
    }

    @Test
    void theReactionEndsWithTheFirstWindowHalfwayToTheSettledShare() {
        // Half of 20 requests a second before the event at 5 s; then 50 %, 45 %, 20 % and 20 % from then on.
        double[] afterwards = {0.5, 0.45, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2};
        List<ShareWindows.Window> windows = ShareWindows.of(readings(5, 0.5, afterwards), 1);

        assertThat(ShareWindows.reactionSeconds(windows, 0, 5)).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void aShareThatDoesNotFallHasNoReaction() {
        List<ShareWindows.Window> windows = ShareWindows.of(readings(5, 0.25, new double[] {0.25, 0.3, 0.25, 0.25}), 1);

        assertThat(ShareWindows.reactionSeconds(windows, 0, 5)).isNaN();
    }

    @Test
    void aFallOfLessThanATenthIsNoise() {
        // 50 % before; settled over the last two windows: 47.5 %, 0.95 of it
        List<ShareWindows.Window> windows = ShareWindows.of(readings(5, 0.5, new double[] {0.5, 0.5, 0.5, 0.45}), 1);

        assertThat(ShareWindows.reactionSeconds(windows, 0, 5)).isNaN();
    }

    /** One reading a second, 20 requests a second; server 0 gets {@code before} until {@code event}, then the shares given. */
    private static List<ShareWindows.Reading> readings(int event, double before, double[] after) {
        List<ShareWindows.Reading> readings = new ArrayList<>();
        long mine = 0;
        long all = 0;
        readings.add(reading(0, 0, 0));
        for (int second = 1; second <= event + after.length; second++) {
            double share = second <= event ? before : after[second - event - 1];
            mine += Math.round(20 * share);
            all += 20;
            readings.add(reading(second, mine, all - mine));
        }
        return readings;
    }

    private static ShareWindows.Reading reading(double seconds, long... received) {
        return new ShareWindows.Reading(seconds, received);
    }
}
