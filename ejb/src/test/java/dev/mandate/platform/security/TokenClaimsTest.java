package dev.mandate.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

/** The claim conversions: strings and numbers from JSON-P or plain Java values. */
class TokenClaimsTest {

    @Test
    void aStringClaimIsReadFromJsonOrPlainStrings() {
        assertThat(TokenClaims.string(Json.createValue("acme"))).isEqualTo("acme");
        assertThat(TokenClaims.string("acme")).isEqualTo("acme");
    }

    @Test
    void anythingElseIsNoString() {
        assertThat(TokenClaims.string(null)).isNull();
        assertThat(TokenClaims.string(42)).isNull();
        assertThat(TokenClaims.string(Json.createValue(42))).isNull();
        assertThat(TokenClaims.string(Json.createArrayBuilder().add("acme").build()))
                .isNull();
    }

    @Test
    void aNumberClaimIsReadFromJsonOrJavaNumbers() {
        assertThat(TokenClaims.number(Json.createValue(1_700_000_000L))).isEqualTo(1_700_000_000L);
        assertThat(TokenClaims.number(1_700_000_000)).isEqualTo(1_700_000_000L);
        assertThat(TokenClaims.number(1_700_000_000L)).isEqualTo(1_700_000_000L);
    }

    @Test
    void anythingElseIsNoNumber() {
        assertThat(TokenClaims.number(null)).isNull();
        assertThat(TokenClaims.number("1700000000")).isNull();
        assertThat(TokenClaims.number(Json.createValue("1700000000"))).isNull();
    }
}
