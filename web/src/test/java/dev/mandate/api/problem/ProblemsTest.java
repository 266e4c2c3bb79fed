package dev.mandate.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProblemsTest {

    @Test
    void theMediaTypeIsProblemJson() {
        assertThat(Problems.MEDIA_TYPE).isEqualTo("application/problem+json");
        assertThat(Problems.PROBLEM_JSON).isEqualTo(new MediaType("application", "problem+json"));
    }

    @Test
    void aProblemCarriesTypeTitleStatusAndDetail() {
        Response response = Problems.of(ProblemType.NOT_FOUND, "agent 'a-1' not found");

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getMediaType().isCompatible(Problems.PROBLEM_JSON)).isTrue();
        JsonObject body = ProblemJson.of(response);
        assertThat(body.getString("type")).isEqualTo("urn:mandate:problem:not-found");
        assertThat(body.getString("title")).isEqualTo("Resource not found");
        assertThat(body.getInt("status")).isEqualTo(404);
        assertThat(body.getString("detail")).isEqualTo("agent 'a-1' not found");
        assertThat(body.keySet()).containsExactlyInAnyOrder("type", "title", "status", "detail");
    }

    @ParameterizedTest
    @EnumSource(ProblemType.class)
    void everyTypeAnswersWithItsOwnStatusAndUrn(ProblemType type) {
        Response response = Problems.of(type, "why");

        JsonObject body = ProblemJson.of(response);
        assertThat(response.getStatus()).isEqualTo(type.status());
        assertThat(body.getString("type")).startsWith("urn:mandate:problem:").isEqualTo(type.uri());
        assertThat(body.getInt("status")).isEqualTo(type.status());
        assertThat(body.getString("title")).isEqualTo(type.title());
    }

    @Test
    void aMissingOrBlankDetailIsLeftOut() {
        assertThat(ProblemJson.of(Problems.of(ProblemType.CONFLICT, null)).containsKey("detail"))
                .isFalse();
        assertThat(ProblemJson.of(Problems.of(ProblemType.CONFLICT, "  ")).containsKey("detail"))
                .isFalse();
    }

    @Test
    void violationsAreListedInOrderWithFieldAndMessage() {
        Response response = Problems.of(
                ProblemType.VALIDATION_FAILED,
                "2 violation(s)",
                List.of(
                        new Violation("name", "is required"),
                        new Violation("permissions[1].tool", "must be a string")));

        JsonObject body = ProblemJson.of(response);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(body.getString("type")).isEqualTo("urn:mandate:problem:validation-failed");
        assertThat(body.getJsonArray("violations")).hasSize(2);
        JsonObject first = body.getJsonArray("violations").getJsonObject(0);
        JsonObject second = body.getJsonArray("violations").getJsonObject(1);
        assertThat(first.getString("field")).isEqualTo("name");
        assertThat(first.getString("message")).isEqualTo("is required");
        assertThat(second.getString("field")).isEqualTo("permissions[1].tool");
        assertThat(second.getString("message")).isEqualTo("must be a string");
    }

    @Test
    void anEmptyViolationListIsAnEmptyArray() {
        JsonObject body = ProblemJson.of(Problems.of(ProblemType.VALIDATION_FAILED, "none", List.of()));

        assertThat(body.getJsonArray("violations")).isEmpty();
    }

    @Test
    void textIsEscapedNotInjected() {
        JsonObject body = ProblemJson.of(Problems.of(ProblemType.CONFLICT, "a \"quoted\" name\nand a } brace"));

        assertThat(body.getString("detail")).isEqualTo("a \"quoted\" name\nand a } brace");
    }

    @Test
    void aBareStatusKeepsItsCodeAndGetsTheGenericType() {
        Response teapot = Problems.ofStatus(418, "short and stout");
        Response badGateway = Problems.ofStatus(502, null);

        assertThat(teapot.getStatus()).isEqualTo(418);
        assertThat(ProblemJson.of(teapot).getString("type")).isEqualTo("urn:mandate:problem:bad-request");
        assertThat(ProblemJson.of(teapot).getInt("status")).isEqualTo(418);
        assertThat(badGateway.getStatus()).isEqualTo(502);
        assertThat(ProblemJson.of(badGateway).getString("type")).isEqualTo("urn:mandate:problem:internal-error");
        assertThat(ProblemJson.of(badGateway).getInt("status")).isEqualTo(502);
    }

    @Test
    void aBareStatusOfAKnownTypeUsesThatType() {
        JsonObject body = ProblemJson.of(Problems.ofStatus(415, "Send JSON."));

        assertThat(body.getString("type")).isEqualTo("urn:mandate:problem:unsupported-media-type");
        assertThat(body.getString("detail")).isEqualTo("Send JSON.");
    }

    @Test
    void anInternalErrorNamesOnlyTheIncident() {
        Response response = Problems.internalError("inc-123");

        JsonObject body = ProblemJson.of(response);
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(body.getString("type")).isEqualTo("urn:mandate:problem:internal-error");
        assertThat(body.getString("incident")).isEqualTo("inc-123");
        assertThat(body.getString("detail")).contains("inc-123");
    }
}
