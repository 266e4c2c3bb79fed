package dev.mandate.api.problem;

import dev.mandate.platform.error.ProblemType;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JSON-B failures that reach JAX-RS unwrapped; see {@link MalformedJsonMapper}. */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException exception) {
        return Problems.of(ProblemType.MALFORMED_JSON, MalformedJsonMapper.describe(exception));
    }
}
