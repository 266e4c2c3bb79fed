package dev.mandate.api.problem;

import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.MandateException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

@Provider
public class MandateExceptionMapper implements ExceptionMapper<MandateException> {

    private static final Logger LOG = Logger.getLogger(MandateExceptionMapper.class.getName());

    @Override
    public Response toResponse(MandateException exception) {
        LOG.log(Level.FINE, "{0}: {1}", new Object[] {exception.type(), exception.detail()});
        if (exception instanceof InvalidRequestException invalid) {
            return Problems.of(exception.type(), exception.detail(), invalid.violations());
        }
        return Problems.of(exception.type(), exception.detail());
    }
}
