package dev.mandate.api.problem;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.platform.error.DatabaseUnavailable;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds RFC 9457 {@code application/problem+json} responses. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    private Problems() {}

    public static Response of(ProblemType type, String detail) {
        return response(type.status(), body(type, type.status(), detail).build());
    }

    public static Response of(ProblemType type, String detail, List<Violation> violations) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        violations.forEach(
                v -> list.add(JSON.createObjectBuilder().add("field", v.field()).add("message", v.message())));
        return response(
                type.status(),
                body(type, type.status(), detail).add("violations", list).build());
    }

    /** A problem for a bare HTTP status, e.g. one the container or JAX-RS produced. */
    public static Response ofStatus(int status, String detail) {
        ProblemType type = ProblemType.forStatus(status);
        return response(status, body(type, status, detail).build());
    }

    /** 503: the database is unreachable or too slow right now; nothing was written, retry later. */
    public static Response unavailable(String incidentId) {
        ProblemType type = ProblemType.UNAVAILABLE;
        JsonObject body = body(
                        type,
                        type.status(),
                        "The database is unavailable or too slow right now; nothing was changed. Retry in "
                                + DatabaseUnavailable.RETRY_AFTER_SECONDS + " seconds (incident " + incidentId
                                + ").")
                .add("incident", incidentId)
                .build();
        return Response.fromResponse(response(type.status(), body))
                .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
                .build();
    }

    public static Response internalError(String incidentId) {
        ProblemType type = ProblemType.INTERNAL_ERROR;
        JsonObject body = body(
                        type,
                        type.status(),
                        "An unexpected error occurred. Quote incident " + incidentId + " when you report it.")
                .add("incident", incidentId)
                .build();
        return response(type.status(), body);
    }

    public static JsonObjectBuilder body(ProblemType type, int status, String detail) {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("type", type.uri())
                .add("title", type.title())
                .add("status", status);
        if (detail != null && !detail.isBlank()) {
            body.add("detail", detail);
        }
        return body;
    }

    private static Response response(int status, JsonObject body) {
        return Response.status(status)
                .type(PROBLEM_JSON)
                .entity(body.toString())
                .build();
    }
}
