package dev.mandate.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.api.agent.AgentRequest;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Everything {@link StrictJsonReader} decides before JSON-B binds (which needs the container). */
class StrictJsonReaderTest {

    private final StrictJsonReader reader = new StrictJsonReader();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object read(String body) {
        InputStream in = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        return reader.readFrom(
                (Class) AgentRequest.class,
                AgentRequest.class,
                new Annotation[0],
                MediaType.APPLICATION_JSON_TYPE,
                null,
                in);
    }

    @Test
    void readsOnlyMandatesOwnTypes() {
        MediaType json = MediaType.APPLICATION_JSON_TYPE;
        assertThat(reader.isReadable(AgentRequest.class, AgentRequest.class, new Annotation[0], json))
                .isTrue();
        assertThat(reader.isReadable(String.class, String.class, new Annotation[0], json))
                .isFalse();
        assertThat(reader.isReadable(java.util.Map.class, java.util.Map.class, new Annotation[0], json))
                .isFalse();
    }

    @Test
    void aSyntaxErrorNamesLineAndColumn() {
        assertThatThrownBy(() -> read("{\n  \"name\": \"bot\",\n  \"sponsor\" \"alice\"\n}"))
                .isInstanceOfSatisfying(MalformedJsonException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.MALFORMED_JSON);
                    assertThat(e.detail()).matches("The body is not valid JSON \\(line 3, column \\d+\\)\\.");
                });
    }

    @Test
    void anEmptyBodyIsMalformed() {
        assertThatThrownBy(() -> read(""))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageStartingWith("The body is");
    }

    @Test
    void aNullBodyIsRefused() {
        assertThatThrownBy(() -> read("null"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("body", "a JSON object is required")));
    }

    @Test
    void everyShapeViolationIsReportedBeforeBinding() {
        assertThatThrownBy(() -> read("{\"name\": 5, \"defaultTier\": \"GOD\", \"id\": \"a-1\"}"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
                    assertThat(e.violations())
                            .extracting(Violation::field)
                            .containsExactly("name", "defaultTier", "id");
                    assertThat(e.detail()).isEqualTo("3 violation(s); see 'violations'");
                });
    }
}
