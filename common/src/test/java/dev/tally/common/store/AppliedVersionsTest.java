package dev.tally.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AppliedVersionsTest {

    @Test
    void isCoveredBy_whenNothingIsStored_coversNothing() {
        assertThat(AppliedVersions.isCoveredBy(AppliedVersions.live(1), null)).isFalse();
        assertThat(AppliedVersions.isCoveredBy(AppliedVersions.removedAfter(1), null))
                .isFalse();
    }

    @Test
    void isCoveredBy_whenAVersionIsStored_coversItAndOlderVersionsButNotNewerOnesNorItsRemoval() {
        long stored = AppliedVersions.live(3);

        assertThat(AppliedVersions.isCoveredBy(AppliedVersions.live(2), stored)).isTrue();
        assertThat(AppliedVersions.isCoveredBy(AppliedVersions.live(3), stored)).isTrue();
        assertThat(AppliedVersions.isCoveredBy(AppliedVersions.live(4), stored)).isFalse();
        assertThat(AppliedVersions.isCoveredBy(AppliedVersions.removedAfter(3), stored))
                .isFalse();
    }

    @Test
    void isCoveredBy_whenATombstoneIsStored_coversEveryVersionUpToItAndItself() {
        long stored = AppliedVersions.removedAfter(3);

        assertThat(AppliedVersions.isCoveredBy(AppliedVersions.live(1), stored)).isTrue();
        assertThat(AppliedVersions.isCoveredBy(AppliedVersions.live(3), stored)).isTrue();
        assertThat(AppliedVersions.isCoveredBy(AppliedVersions.removedAfter(3), stored))
                .isTrue();
        assertThat(AppliedVersions.isRemoval(stored)).isTrue();
    }

    @Test
    void isCoveredBy_whenTheDebtWasRemovedAtAnUnknownVersion_coversEveryChange() {
        assertThat(AppliedVersions.isCoveredBy(AppliedVersions.live(Long.MAX_VALUE - 1), AppliedVersions.REMOVED))
                .isTrue();
        assertThat(AppliedVersions.isCoveredBy(AppliedVersions.removedAfter(99), AppliedVersions.REMOVED))
                .isTrue();
        assertThat(AppliedVersions.isRemoval(AppliedVersions.REMOVED)).isTrue();
    }

    @Test
    void live_whenTheVersionIsNotPositive_failsNamingIt() {
        assertThatThrownBy(() -> AppliedVersions.live(0)).hasMessageContaining("at least 1, was 0");
    }
}
