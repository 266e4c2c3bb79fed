package dev.mandate.scim.error;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mandate.platform.error.DatabaseUnavailable;
import dev.mandate.scim.http.ScimJson;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Builds SCIM error bodies: {@code urn:ietf:params:scim:api:messages:2.0:Error}, status as a string. */
public final class ScimErrors {

    public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    private ScimErrors() {}

    public static ObjectNode body(int status, String scimType, String detail) {
        ObjectNode error = ScimJson.object();
        error.putArray("schemas").add(ERROR_SCHEMA);
        if (scimType != null) {
            error.put("scimType", scimType);
        }
        if (detail != null) {
            error.put("detail", detail);
        }
        error.put("status", String.valueOf(status));
        return error;
    }

    public static Response response(int status, String scimType, String detail) {
        Response.ResponseBuilder builder =
                Response.status(status).type(ScimJson.MEDIA_TYPE).entity(body(status, scimType, detail));
        if (status == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (status == 503) {
            builder.header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
        }
        return builder.build();
    }

    public static Response of(ScimProblem problem) {
        return response(problem.status(), problem.scimType(), problem.getMessage());
    }
}
