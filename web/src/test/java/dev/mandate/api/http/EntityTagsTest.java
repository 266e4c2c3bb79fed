package dev.mandate.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.platform.security.Versions;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.ext.RuntimeDelegate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntityTagsTest {

    @Test
    void anAbsentHeaderNamesNoVersion() {
        assertThat(EntityTags.parseIfMatch(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "   \t "})
    void aBlankHeaderCountsAsAbsent(String header) {
        assertThat(EntityTags.parseIfMatch(header)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", " * ", "\t*"})
    void theWildcardMatchesAnyVersion(String header) {
        assertThat(EntityTags.parseIfMatch(header)).isEqualTo(Versions.ANY);
    }

    @Test
    void aQuotedVersionIsThatVersion() {
        assertThat(EntityTags.parseIfMatch("\"7\"")).isEqualTo(7L);
        assertThat(EntityTags.parseIfMatch("\"0\"")).isEqualTo(0L);
        assertThat(EntityTags.parseIfMatch(" \"42\" ")).isEqualTo(42L);
        assertThat(EntityTags.parseIfMatch("\"" + Long.MAX_VALUE + "\"")).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "W/\"7\"", // weak tags never match If-Match (strong comparison)
                "7", // unquoted
                "\"7", // unterminated
                "7\"",
                "\"\"",
                "\"",
                "\"abc\"",
                "\"7.0\"",
                "\"7\", \"8\"", // a list: Mandate issues one tag, so a list is not one of its tags
                "\"99999999999999999999\"", // beyond long
                "**",
                "\"*\""
            })
    void anythingElseMatchesNoVersion(String header) {
        assertThat(EntityTags.parseIfMatch(header)).isEqualTo(EntityTags.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"-1\"", "\"-2\"", "\"-7\"", "\"" + Long.MIN_VALUE + "\""})
    void aNegativeVersionIsNeverIssuedSoMatchesNoVersion(String header) {
        // "-1" must not turn into Versions.ANY: that would skip the optimistic-concurrency check
        assertThat(EntityTags.parseIfMatch(header)).isEqualTo(EntityTags.NONE).isNotEqualTo(Versions.ANY);
    }

    @Test
    void noneIsNeitherAnyNorAPossibleVersion() {
        assertThat(EntityTags.NONE).isNotEqualTo(Versions.ANY).isNegative();
    }

    @Test
    void theEntityTagIsTheQuotedStrongVersion() {
        assertThat(EntityTags.of(7).getValue()).isEqualTo("7");
        assertThat(EntityTags.of(7).isWeak()).isFalse();
        assertThat(RuntimeDelegate.getInstance()
                        .createHeaderDelegate(EntityTag.class)
                        .toString(EntityTags.of(7)))
                .isEqualTo("\"7\"");
    }

    @Test
    void whatOfIssuesParseIfMatchReadsBack() {
        for (long version : new long[] {0, 1, 12, 123_456_789_012L}) {
            assertThat(EntityTags.parseIfMatch("\"" + EntityTags.of(version).getValue() + "\""))
                    .isEqualTo(version);
        }
    }
}
