package dev.mandate.api.http;

import dev.mandate.api.problem.Problems;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.ProblemType;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses a body over {@code mandate.api.max-body-bytes} with 413 before anything parses it: at once
 * when Content-Length says so, otherwise after reading at most the limit plus one byte.
 */
@Provider
@PreMatching
@Priority(100)
public class BodySizeLimitFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        int limit = ConfigKey.API_MAX_BODY_BYTES.get(Integer.class);
        if (request.getLength() > limit) {
            request.abortWith(tooLarge(limit));
            return;
        }
        if (request.getLength() >= 0 || !request.hasEntity()) {
            return;
        }
        InputStream body = request.getEntityStream();
        byte[] buffered = body.readNBytes(limit + 1);
        if (buffered.length > limit) {
            request.abortWith(tooLarge(limit));
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(buffered));
    }

    private static jakarta.ws.rs.core.Response tooLarge(int limit) {
        return Problems.of(ProblemType.PAYLOAD_TOO_LARGE, "The body exceeds the limit of " + limit + " bytes.");
    }
}
