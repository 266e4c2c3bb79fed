package dev.mandate.api.problem;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own errors (no such path, method not allowed, unsupported media type, ...) as problem+json.
 * Only the status and a fixed sentence go out; the exception's message can carry internals.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        if (status >= 500) {
            return new UnexpectedExceptionMapper().toResponse(exception);
        }
        Response problem = Problems.ofStatus(status, describe(status));
        if (exception instanceof NotAllowedException notAllowed) {
            String allow = notAllowed.getResponse().getHeaderString(HttpHeaders.ALLOW);
            if (allow != null) {
                return Response.fromResponse(problem)
                        .header(HttpHeaders.ALLOW, allow)
                        .build();
            }
        }
        return problem;
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood.";
            case 401 -> "A valid bearer token is required.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not supported here; see the Allow header.";
            case 406 -> "This resource answers application/json (errors: application/problem+json).";
            case 415 -> "Send the body as application/json.";
            default -> null;
        };
    }
}
