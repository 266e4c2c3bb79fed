package dev.mandate.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.agent.entity.AgentStatus;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParamsTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void anAbsentIntegerIsNull(String value) {
        assertThat(QueryParams.integer("limit", value)).isNull();
    }

    @Test
    void anIntegerIsParsed() {
        assertThat(QueryParams.integer("limit", "25")).isEqualTo(25);
        assertThat(QueryParams.integer("limit", " 25 ")).isEqualTo(25);
        assertThat(QueryParams.integer("offset", "0")).isZero();
        assertThat(QueryParams.integer("offset", "-3")).isEqualTo(-3);
        assertThat(QueryParams.integer("offset", String.valueOf(Integer.MAX_VALUE)))
                .isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "1.5", "1e3", "0x10", "2147483648", "--1", "1 0"})
    void aNonIntegerIsRefusedNamingTheParameter(String value) {
        assertThatThrownBy(() -> QueryParams.integer("limit", value))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
                    assertThat(e.violations()).containsExactly(new Violation("limit", "must be an integer"));
                });
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " "})
    void anAbsentEnumIsNull(String value) {
        assertThat(QueryParams.enumValue("status", value, AgentStatus.class)).isNull();
    }

    @Test
    void anEnumConstantIsParsed() {
        assertThat(QueryParams.enumValue("status", "SUSPENDED", AgentStatus.class))
                .isEqualTo(AgentStatus.SUSPENDED);
        assertThat(QueryParams.enumValue("status", " ACTIVE ", AgentStatus.class))
                .isEqualTo(AgentStatus.ACTIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"active", "Active", "PAUSED", "ACTIVE,SUSPENDED", "0"})
    void anUnknownEnumValueIsRefusedListingTheAllowedOnes(String value) {
        assertThatThrownBy(() -> QueryParams.enumValue("status", value, AgentStatus.class))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("status", "must be one of ACTIVE, SUSPENDED, DEPROVISIONED")));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void anAbsentTextTakesTheFallback(String value) {
        assertThat(QueryParams.text("reason", value, 10, "deprovisioned")).isEqualTo("deprovisioned");
    }

    @Test
    void theFallbackMayBeNull() {
        assertThat(QueryParams.text("reason", null, 10, null)).isNull();
    }

    @Test
    void textUpToTheLimitIsKeptAsIs() {
        assertThat(QueryParams.text("reason", "retired", 10, "x")).isEqualTo("retired");
        assertThat(QueryParams.text("reason", "a".repeat(10), 10, "x")).isEqualTo("a".repeat(10));
        assertThat(QueryParams.text("reason", " padded ", 10, "x")).isEqualTo(" padded ");
    }

    @Test
    void textOverTheLimitIsRefused() {
        assertThatThrownBy(() -> QueryParams.text("reason", "a".repeat(11), 10, "x"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("reason", "must be at most 10 characters")));
    }
}
