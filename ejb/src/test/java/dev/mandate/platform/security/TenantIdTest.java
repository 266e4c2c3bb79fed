package dev.mandate.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "7", "acme", "acme-corp", "acme-2", "0acme", "a-b-c", "demo"})
    void lowercaseLettersDigitsAndDashesAreValid(String candidate) {
        assertThat(TenantId.isValid(candidate)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "Acme",
                "ACME",
                "acMe",
                "-acme",
                "-",
                "acme corp",
                " acme",
                "acme ",
                "acme\n",
                "acme_corp",
                "acme.corp",
                "acme/corp",
                "äcme",
                "acme\u0000"
            })
    void anythingElseIsInvalid(String candidate) {
        assertThat(TenantId.isValid(candidate)).isFalse();
    }

    @Test
    void nullIsInvalid() {
        assertThat(TenantId.isValid(null)).isFalse();
    }

    @Test
    void sixtyThreeCharactersAreTheMaximum() {
        assertThat(TenantId.isValid("a".repeat(63))).isTrue();
        assertThat(TenantId.isValid("a".repeat(64))).isFalse();
        assertThat(TenantId.isValid("a" + "-".repeat(62))).isTrue();
        assertThat(TenantId.isValid("a" + "-".repeat(63))).isFalse();
    }
}
