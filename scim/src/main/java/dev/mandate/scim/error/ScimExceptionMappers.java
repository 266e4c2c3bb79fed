package dev.mandate.scim.error;

import com.unboundid.scim2.common.exceptions.ScimException;
import dev.mandate.platform.error.ConstraintViolations;
import dev.mandate.platform.error.DatabaseUnavailable;
import dev.mandate.platform.error.MandateException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every failure on a SCIM path becomes a SCIM error body with the right status and scimType. */
public final class ScimExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ScimExceptionMappers.class.getName());

    private ScimExceptionMappers() {}

    /** Our own SCIM errors. */
    @Provider
    public static class Problems implements ExceptionMapper<ScimProblem> {
        @Override
        public Response toResponse(ScimProblem problem) {
            return ScimErrors.of(problem);
        }
    }

    /** Errors the SCIM SDK raises (filter and path parsing, PATCH application). */
    @Provider
    public static class Sdk implements ExceptionMapper<ScimException> {
        @Override
        public Response toResponse(ScimException failure) {
            return ScimErrors.of(translate(failure));
        }
    }

    /** Business errors of the shared boundaries (Agents, Roles). */
    @Provider
    public static class Business implements ExceptionMapper<MandateException> {
        @Override
        public Response toResponse(MandateException failure) {
            return ScimErrors.of(translate(failure));
        }
    }

    /** JAX-RS' own errors (unknown path 404, wrong method 405, ...). */
    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException failure) {
            int status = failure.getResponse().getStatus();
            if (status >= 500) {
                return unexpected(failure);
            }
            Response response = ScimErrors.response(status, null, describe(status));
            if (failure instanceof NotAllowedException) {
                return Response.fromResponse(response)
                        .allow(failure.getResponse().getAllowedMethods())
                        .build();
            }
            return response;
        }
    }

    /** Anything else: a conflict if the database says so, otherwise 500 with an incident id. */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable failure) {
            return ScimErrors.of(problemOf(failure));
        }
    }

    /** What a failure means as a SCIM error (for Bulk, which answers errors per operation). */
    public static ScimProblem problemOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ScimProblem problem) {
                return problem;
            }
            if (cause instanceof MandateException business) {
                return translate(business);
            }
            if (cause instanceof ScimException sdk) {
                return translate(sdk);
            }
            if (cause instanceof PersistenceException persistence
                    && ConstraintViolations.isIntegrityViolation(persistence)) {
                return new ScimProblem(409, "uniqueness", "A conflicting resource was written at the same time.");
            }
            if (cause instanceof WebApplicationException web
                    && web.getResponse().getStatus() < 500) {
                return new ScimProblem(
                        web.getResponse().getStatus(),
                        null,
                        describe(web.getResponse().getStatus()));
            }
        }
        String incident = UUID.randomUUID().toString();
        if (DatabaseUnavailable.is(failure)) {
            // the transaction rolled back: nothing was written, a retry is safe
            LOG.log(Level.WARNING, "SCIM: database unavailable, incident " + incident + ": " + failure);
            return new ScimProblem(
                    503,
                    null,
                    "The database is unavailable or too slow right now; nothing was changed. Retry in "
                            + DatabaseUnavailable.RETRY_AFTER_SECONDS + " seconds (incident " + incident + ").");
        }
        LOG.log(Level.WARNING, "SCIM incident " + incident, failure);
        return new ScimProblem(500, null, "Internal error; quote incident " + incident + " when you report it.");
    }

    static Response unexpected(Throwable failure) {
        if (DatabaseUnavailable.is(failure)) {
            return ScimErrors.of(problemOf(failure));
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.WARNING, "SCIM incident " + incident, failure);
        return ScimErrors.response(500, null, "Internal error; quote incident " + incident + " when you report it.");
    }

    public static ScimProblem translate(ScimException failure) {
        var error = failure.getScimError();
        int status = error.getStatus() == null ? 400 : error.getStatus();
        String detail = error.getDetail() != null ? error.getDetail() : failure.getMessage();
        return new ScimProblem(status, error.getScimType(), detail);
    }

    public static ScimProblem translate(MandateException failure) {
        return switch (failure.type()) {
            case NOT_FOUND -> new ScimProblem(404, null, failure.detail());
            case CONFLICT ->
                new ScimProblem(409, failure.detail().contains("already") ? "uniqueness" : null, failure.detail());
            case PRECONDITION_FAILED -> new ScimProblem(412, null, failure.detail());
            case PRECONDITION_REQUIRED -> new ScimProblem(428, null, failure.detail());
            case UNAUTHENTICATED -> new ScimProblem(401, null, failure.detail());
            case FORBIDDEN, AGENT_NOT_ACTIVE -> new ScimProblem(403, null, failure.detail());
            case PAYLOAD_TOO_LARGE -> new ScimProblem(413, "tooMany", failure.detail());
            case INTERNAL_ERROR, UNAVAILABLE -> new ScimProblem(failure.type().status(), null, failure.detail());
            default -> ScimProblem.invalidValue(failure.detail());
        };
    }

    static String describe(int status) {
        return switch (status) {
            case 401 -> "A valid bearer token is required.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not supported here.";
            case 406 -> "Answers are application/scim+json or application/json.";
            case 415 -> "Send application/scim+json or application/json.";
            default -> null;
        };
    }
}
