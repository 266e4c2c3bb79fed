package dev.mandate.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.StaleVersionException;
import dev.mandate.platform.error.VersionRequiredException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionsTest {

    @Test
    void aMissingVersionIsRefusedAsPreconditionRequired() {
        assertThatThrownBy(() -> Versions.require("agent", "a-1", null, 3))
                .isInstanceOf(VersionRequiredException.class)
                .satisfies(e ->
                        assertThat(((VersionRequiredException) e).type()).isEqualTo(ProblemType.PRECONDITION_REQUIRED))
                .hasMessageContaining("If-Match");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 7, Long.MAX_VALUE})
    void anyMatchesWhateverVersionIsCurrent(long current) {
        assertThatCode(() -> Versions.require("agent", "a-1", Versions.ANY, current))
                .doesNotThrowAnyException();
    }

    @Test
    void aMatchingVersionPasses() {
        assertThatCode(() -> Versions.require("agent", "a-1", 7L, 7)).doesNotThrowAnyException();
    }

    @Test
    void aMatchingVersionPassesAlsoAboveTheBoxCache() {
        // Long values outside -128..127 are distinct objects: the comparison must be by value.
        assertThatCode(() -> Versions.require("agent", "a-1", Long.valueOf(100_000L), 100_000L))
                .doesNotThrowAnyException();
    }

    @Test
    void anOlderVersionIsStale() {
        assertThatThrownBy(() -> Versions.require("agent", "a-1", 6L, 7))
                .isInstanceOf(StaleVersionException.class)
                .satisfies(
                        e -> assertThat(((StaleVersionException) e).type()).isEqualTo(ProblemType.PRECONDITION_FAILED))
                .hasMessageContaining("agent 'a-1'")
                .hasMessageContaining("current version 7");
    }

    @Test
    void aNewerVersionIsStaleToo() {
        assertThatThrownBy(() -> Versions.require("role", "r-9", 8L, 7))
                .isInstanceOf(StaleVersionException.class)
                .hasMessageContaining("role 'r-9'");
    }

    @Test
    void aVersionThatMatchesNothingIsStale() {
        // the web layer's EntityTags.NONE (-2) for a malformed If-Match
        assertThatThrownBy(() -> Versions.require("agent", "a-1", -2L, 0)).isInstanceOf(StaleVersionException.class);
    }
}
