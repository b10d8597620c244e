package dev.infergate.routing.core.split;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class StableHashTest {

    private static final long PINNED_USER_1_STABLE = 6494634005403312951L;
    private static final long PINNED_USER_1_CANARY = 1023765860291502885L;

    @Test
    void theHashOfAKeyAndANameNeverChangesAcrossReleases() {
        // Pinned: a change here would move every sticky user at the next deployment.
        assertThat(StableHash.of("user-1", "stable")).isEqualTo(PINNED_USER_1_STABLE);
        assertThat(StableHash.of("user-1", "canary")).isEqualTo(PINNED_USER_1_CANARY);
    }

    @Test
    void theLengthPrefixKeepsSplitsOfTheSameBytesApart() {
        assertThat(StableHash.of("ab", "c")).isNotEqualTo(StableHash.of("a", "bc"));
    }

    @Test
    void theUnitIntervalExcludesBothEnds() {
        assertThat(StableHash.unitInterval(0L)).isGreaterThan(0.0);
        assertThat(StableHash.unitInterval(-1L)).isLessThan(1.0);
        assertThat(Math.log(StableHash.unitInterval(0L))).isFinite();
    }
}
