package dev.mandate.api.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MalformedJsonMapperTest {

    private static final Logger UNEXPECTED = Logger.getLogger(UnexpectedExceptionMapper.class.getName());
    private static Level level;

    @BeforeAll
    static void quietIncidentLog() {
        level = UNEXPECTED.getLevel();
        UNEXPECTED.setLevel(Level.OFF);
    }

    @AfterAll
    static void restoreIncidentLog() {
        UNEXPECTED.setLevel(level);
    }

    private static JsonParsingException parse(String json) {
        return catchThrowableOfType(JsonParsingException.class, () -> {
            try (JsonReader reader = Json.createReader(new StringReader(json))) {
                reader.readValue();
            }
        });
    }

    @Test
    void anUnknownPropertyIsNamed() {
        JsonbException yasson = new JsonbException(
                "Unable to deserialize property 'tenantId' because of: Json property tenantId can not be mapped to a"
                        + " class class dev.mandate.agent.boundary.AgentRequest");

        assertThat(MalformedJsonMapper.describe(yasson))
                .isEqualTo("Property 'tenantId' is unknown or read-only for this resource.");
    }

    @Test
    void anUnknownEnumValueIsQuotedWithoutItsClassName() {
        JsonbException yasson =
                new JsonbException("Unable to deserialize property 'defaultTier' because of: No enum constant"
                        + " dev.mandate.agent.entity.AuthorityTier.GOD_MODE");

        String described = MalformedJsonMapper.describe(yasson);

        assertThat(described).isEqualTo("'GOD_MODE' is not an allowed value in property 'defaultTier'.");
        assertThat(described).doesNotContain("dev.mandate", "AuthorityTier");
    }

    @Test
    void theWholeCauseChainIsSearched() {
        IllegalArgumentException root =
                new IllegalArgumentException("No enum constant dev.mandate.agent.entity.AgentStatus.PAUSED");
        JsonbException outer = new JsonbException("Unable to deserialize property 'status' because of: x", root);

        assertThat(MalformedJsonMapper.describe(new RuntimeException("wrapper", outer)))
                .isEqualTo("'PAUSED' is not an allowed value in property 'status'.");
    }

    @Test
    void anEnumValueWithoutAPropertyStillNamesTheValue() {
        assertThat(MalformedJsonMapper.describe(
                        new JsonbException("No enum constant dev.mandate.rbac.entity.PrincipalType.ROBOT")))
                .isEqualTo("'ROBOT' is not an allowed value.");
    }

    @Test
    void aSyntaxErrorNamesLineAndColumn() {
        JsonParsingException syntax = parse("{\n  \"name\": \"bot\",\n  \"sponsor\" \"alice\"\n}");

        assertThat(syntax).isNotNull();
        assertThat(MalformedJsonMapper.describe(syntax))
                .matches("The body is not valid JSON \\(line 3, column \\d+\\)\\.");
    }

    @Test
    void aSyntaxErrorWrappedByJsonbIsFound() {
        JsonbException wrapped = new JsonbException("Internal error", parse("{\"name\": }"));

        assertThat(MalformedJsonMapper.describe(wrapped)).startsWith("The body is not valid JSON (line 1, column ");
    }

    @Test
    void aWrongTypeNamesThePropertyButNoInternals() {
        JsonbException yasson = new JsonbException(
                "Unable to deserialize property 'ttlSeconds' because of: Cannot deserialize with a parser of type"
                        + " org.eclipse.yasson.internal.deserializer.NumberDeserializer");

        String described = MalformedJsonMapper.describe(yasson);

        assertThat(described)
                .isEqualTo("The body does not match the expected JSON shape in property 'ttlSeconds' (wrong type or"
                        + " structure).");
        assertThat(described).doesNotContain("yasson", "Deserializer");
    }

    @Test
    void anythingElseGetsTheGenericSentence() {
        assertThat(MalformedJsonMapper.describe(new JsonbException("something at org.example.Internal")))
                .isEqualTo("The body does not match the expected JSON shape (wrong type or structure).");
        assertThat(MalformedJsonMapper.describe(new JsonException(null)))
                .isEqualTo("The body does not match the expected JSON shape (wrong type or structure).");
    }

    @Test
    void jsonCauseFindsTheJsonFailureInTheChain() {
        JsonbException jsonb = new JsonbException("bad");
        JsonException json = new JsonException("bad");

        assertThat(MalformedJsonMapper.jsonCause(new ProcessingException("read", jsonb)))
                .isSameAs(jsonb);
        assertThat(MalformedJsonMapper.jsonCause(new ProcessingException("read", new RuntimeException(json))))
                .isSameAs(json);
        assertThat(MalformedJsonMapper.jsonCause(new ProcessingException("io", new java.io.IOException("reset"))))
                .isNull();
    }

    @Test
    void aJsonFailureIsAnsweredAsMalformedJson() {
        Response response = new MalformedJsonMapper()
                .toResponse(new ProcessingException(
                        "read", new JsonbException("Json property secret can not be mapped to a class X")));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(ProblemJson.of(response).getString("type")).isEqualTo("urn:mandate:problem:malformed-json");
        assertThat(ProblemJson.of(response).getString("detail"))
                .isEqualTo("Property 'secret' is unknown or read-only for this resource.");
    }

    @Test
    void anyOtherProcessingFailureIsAnInternalError() {
        Response response =
                new MalformedJsonMapper().toResponse(new ProcessingException("socket reset by peer at 10.0.0.7"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(ProblemJson.of(response).getString("type")).isEqualTo("urn:mandate:problem:internal-error");
        assertThat(ProblemJson.of(response).toString()).doesNotContain("10.0.0.7");
    }

    @Test
    void jsonbFailuresThatArriveUnwrappedAreDescribedTheSameWay() {
        Response response = new JsonbExceptionMapper()
                .toResponse(new JsonbException("Unable to deserialize property 'workflow' because of: boom"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(ProblemJson.of(response).getString("detail"))
                .isEqualTo("The body does not match the expected JSON shape in property 'workflow' (wrong type or"
                        + " structure).");
    }
}
