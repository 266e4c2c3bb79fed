package dev.mandate.connector.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    private final SecretRedactor redactor = new SecretRedactor();

    @Test
    void everyOccurrenceOfEverySecretIsReplaced() {
        redactor.remember("s3cr3t-key");
        redactor.remember("tok-ABCDEF");
        assertThat(redactor.redact("key s3cr3t-key, token tok-ABCDEF; again s3cr3t-keys3cr3t-key"))
                .isEqualTo("key [REDACTED], token [REDACTED]; again [REDACTED][REDACTED]");
    }

    @Test
    void theLongestSecretWinsWhereOneStartsAnother() {
        redactor.remember("abcd");
        redactor.remember("abcdefgh");
        assertThat(redactor.redact("xabcdefghx abcdx")).isEqualTo("x[REDACTED]x [REDACTED]x");
    }

    @Test
    void aSecretRememberedLaterIsFoundToo() {
        redactor.remember("first-secret");
        assertThat(redactor.redact("second-secret")).isEqualTo("second-secret");
        redactor.remember("second-secret");
        assertThat(redactor.redact("first-secret second-secret")).isEqualTo("[REDACTED] [REDACTED]");
    }

    @Test
    void onlyExactMatchesAreReplaced() {
        redactor.remember("Secret1234");
        assertThat(redactor.redact("secret1234 Secret123 Secret 1234")).isEqualTo("secret1234 Secret123 Secret 1234");
    }

    @Test
    void secretsAtTheEdgesOfTheTextAreFound() {
        redactor.remember("edge");
        assertThat(redactor.redact("edge")).isEqualTo("[REDACTED]");
        assertThat(redactor.redact("edge middle edge")).isEqualTo("[REDACTED] middle [REDACTED]");
    }

    @Test
    void nullEmptyAndShortInputsAreLeftAsTheyAre() {
        redactor.remember(null);
        redactor.remember("");
        redactor.remember("abc");
        assertThat(redactor.redact(null)).isNull();
        assertThat(redactor.redact("")).isEmpty();
        assertThat(redactor.redact("abc abc")).isEqualTo("abc abc");
    }

    @Test
    void withoutSecretsTheTextIsTheSameObject() {
        String text = "nothing to hide here";
        assertThat(redactor.redact(text)).isSameAs(text);
    }
}
