package dev.mandate.catalog.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectorTemplatesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plain",
                "{/a}",
                "{/}",
                "{/a~0b/c~1d/0}",
                "x-{idempotencyKey}-{envelopeId}",
                "/items/{/items/0/id}?q={/q}"
            })
    void wellFormed(String template) {
        assertThat(ConnectorTemplates.problem(template)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"{", "}", "{}", "{a}", "{/a", "a}b", "{/a~2}", "{/a~}", "{{/a}}", "{IdempotencyKey}", "{tenant}"
            })
    void malformed(String template) {
        assertThat(ConnectorTemplates.problem(template)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/a/b", "/a~0/~1", "/0"})
    void pointers(String pointer) {
        assertThat(ConnectorTemplates.isPointer(pointer)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b", "/a~", "/~2", "#/a"})
    void notPointers(String pointer) {
        assertThat(ConnectorTemplates.isPointer(pointer)).isFalse();
    }
}
