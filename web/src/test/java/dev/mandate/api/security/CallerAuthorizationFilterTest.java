package dev.mandate.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

/** The claim conversions; the filter itself needs MP Config (the integration tests). */
class CallerAuthorizationFilterTest {

    @Test
    void aStringClaimIsReadFromJsonOrPlainStrings() {
        assertThat(CallerAuthorizationFilter.string(Json.createValue("acme"))).isEqualTo("acme");
        assertThat(CallerAuthorizationFilter.string("acme")).isEqualTo("acme");
    }

    @Test
    void anythingElseIsNoString() {
        assertThat(CallerAuthorizationFilter.string(null)).isNull();
        assertThat(CallerAuthorizationFilter.string(42)).isNull();
        assertThat(CallerAuthorizationFilter.string(Json.createValue(42))).isNull();
        assertThat(CallerAuthorizationFilter.string(
                        Json.createArrayBuilder().add("acme").build()))
                .isNull();
    }

    @Test
    void aNumberClaimIsReadFromJsonOrJavaNumbers() {
        assertThat(CallerAuthorizationFilter.number(Json.createValue(1_700_000_000L)))
                .isEqualTo(1_700_000_000L);
        assertThat(CallerAuthorizationFilter.number(1_700_000_000)).isEqualTo(1_700_000_000L);
        assertThat(CallerAuthorizationFilter.number(1_700_000_000L)).isEqualTo(1_700_000_000L);
    }

    @Test
    void anythingElseIsNoNumber() {
        assertThat(CallerAuthorizationFilter.number(null)).isNull();
        assertThat(CallerAuthorizationFilter.number("1700000000")).isNull();
        assertThat(CallerAuthorizationFilter.number(Json.createValue("1700000000")))
                .isNull();
    }
}
