package dev.mandate.api.problem;

import dev.mandate.platform.error.DatabaseUnavailable;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything unforeseen: a 500 with an incident id that is also in the log, never a stack trace. A database
 * that is unreachable or too slow (a lock or statement timeout) is a 503 with {@code Retry-After}: the
 * request's transaction rolled back, so nothing was written and a retry is safe.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        String incident = UUID.randomUUID().toString();
        if (DatabaseUnavailable.is(exception)) {
            // the cause's message may name values of the statement: the log gets it, the client does not
            LOG.log(Level.WARNING, "database unavailable, incident " + incident + ": " + exception);
            return Problems.unavailable(incident);
        }
        LOG.log(Level.WARNING, "incident " + incident, exception);
        return Problems.internalError(incident);
    }
}
