package dev.mandate.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.StaleVersionException;
import dev.mandate.platform.error.Violation;
import jakarta.json.JsonObject;
import jakarta.ws.rs.InternalServerErrorException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExceptionMappersTest {

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

    @Test
    void aBusinessExceptionKeepsItsTypeAndDetail() {
        Response response = new MandateExceptionMapper().toResponse(new StaleVersionException("agent", "a-1", 4));

        JsonObject body = ProblemJson.of(response);
        assertThat(response.getStatus()).isEqualTo(412);
        assertThat(body.getString("type")).isEqualTo("urn:mandate:problem:precondition-failed");
        assertThat(body.getString("detail")).contains("agent 'a-1'", "current version 4");
        assertThat(body.containsKey("violations")).isFalse();
    }

    @Test
    void anInvalidRequestListsItsViolations() {
        InvalidRequestException invalid = new InvalidRequestException(
                List.of(new Violation("name", "must be a string"), new Violation("id", "is not a property")));

        JsonObject body = ProblemJson.of(new MandateExceptionMapper().toResponse(invalid));

        assertThat(body.getInt("status")).isEqualTo(400);
        assertThat(body.getString("type")).isEqualTo("urn:mandate:problem:validation-failed");
        assertThat(body.getJsonArray("violations").getValuesAs(JsonObject.class))
                .extracting(v -> v.getString("field"))
                .containsExactly("name", "id");
    }

    @Test
    void aConflictIs409() {
        Response response = new MandateExceptionMapper().toResponse(new ConflictException("taken"));

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(ProblemJson.of(response).getString("detail")).isEqualTo("taken");
    }

    @Test
    void jaxRsErrorsGetAFixedSentenceNotTheirMessage() {
        Response response =
                new WebApplicationExceptionMapper().toResponse(new NotFoundException("no resource for /internal/x"));

        JsonObject body = ProblemJson.of(response);
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(body.getString("type")).isEqualTo("urn:mandate:problem:not-found");
        assertThat(body.getString("detail")).isEqualTo("No resource at this path.");
        assertThat(body.toString()).doesNotContain("/internal/x");
    }

    @Test
    void methodNotAllowedKeepsTheAllowHeader() {
        Response response =
                new WebApplicationExceptionMapper().toResponse(new NotAllowedException("GET", new String[] {"PUT"}));

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(ProblemJson.of(response).getString("type")).isEqualTo("urn:mandate:problem:method-not-allowed");
        assertThat(response.getHeaderString(HttpHeaders.ALLOW)).contains("GET", "PUT");
    }

    @Test
    void anUnsupportedMediaTypeSaysWhatToSend() {
        Response response = new WebApplicationExceptionMapper().toResponse(new NotSupportedException());

        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(ProblemJson.of(response).getString("detail")).isEqualTo("Send the body as application/json.");
    }

    @Test
    void anUnlistedClientStatusIsKeptWithoutDetail() {
        Response response = new WebApplicationExceptionMapper().toResponse(new WebApplicationException(429));

        JsonObject body = ProblemJson.of(response);
        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(body.getInt("status")).isEqualTo(429);
        assertThat(body.getString("type")).isEqualTo("urn:mandate:problem:bad-request");
        assertThat(body.containsKey("detail")).isFalse();
    }

    @Test
    void aServerErrorBecomesAnIncident() {
        Response response =
                new WebApplicationExceptionMapper().toResponse(new InternalServerErrorException("password=hunter2"));

        JsonObject body = ProblemJson.of(response);
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(body.getString("incident")).isNotBlank();
        assertThat(body.toString()).doesNotContain("hunter2");
    }

    @Test
    void everyIncidentHasItsOwnId() {
        UnexpectedExceptionMapper mapper = new UnexpectedExceptionMapper();

        String first = ProblemJson.of(mapper.toResponse(new IllegalStateException("x")))
                .getString("incident");
        String second = ProblemJson.of(mapper.toResponse(new IllegalStateException("x")))
                .getString("incident");

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aDatabaseTooSlowOrAbsentIsA503WithRetryAfterThatNamesNoStatement() {
        UnexpectedExceptionMapper mapper = new UnexpectedExceptionMapper();
        java.sql.SQLException lockTimeout =
                new java.sql.SQLException("canceling statement due to lock timeout: secret-value", "55P03");

        Response response = mapper.toResponse(new jakarta.ejb.EJBException(
                new jakarta.persistence.PersistenceException("statement failed", lockTimeout)));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        jakarta.json.JsonObject body = ProblemJson.of(response);
        assertThat(body.getString("type")).isEqualTo("urn:mandate:problem:unavailable");
        assertThat(body.getString("incident")).isNotBlank();
        assertThat(body.toString()).doesNotContain("secret-value").doesNotContain("lock timeout");
    }

    @Test
    void otherDatabaseFailuresStay500() {
        Response response = new UnexpectedExceptionMapper()
                .toResponse(new jakarta.persistence.PersistenceException(
                        "statement failed", new java.sql.SQLException("syntax error", "42601")));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeaderString("Retry-After")).isNull();
    }
}
