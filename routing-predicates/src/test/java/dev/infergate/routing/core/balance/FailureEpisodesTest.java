package dev.infergate.routing.core.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infergate.routing.core.balance.FailureEpisodes.Transition;
import org.junit.jupiter.api.Test;

final class FailureEpisodesTest {

    @Test
    void anEpisodeStartsWithTheFirstFailureAndEndsWithTheFirstSuccess() {
        FailureEpisodes episodes = new FailureEpisodes();

        assertThat(episodes.succeeded("a:1")).isEqualTo(Transition.UNCHANGED);
        assertThat(episodes.failed("a:1")).isEqualTo(Transition.STARTED);
        assertThat(episodes.failed("a:1")).isEqualTo(Transition.CONTINUED);
        assertThat(episodes.failed("b:1")).isEqualTo(Transition.STARTED);
        assertThat(episodes.succeeded("a:1")).isEqualTo(Transition.ENDED);
        assertThat(episodes.succeeded("a:1")).isEqualTo(Transition.UNCHANGED);
        assertThat(episodes.failed("a:1")).isEqualTo(Transition.STARTED);
    }
}
