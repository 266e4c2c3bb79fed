package dev.mandate.scim.http;

import dev.mandate.platform.config.ConfigKey;
import dev.mandate.scim.error.ScimErrors;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Refuses a body over {@code mandate.scim.max-payload-bytes} (the advertised Bulk maxPayloadSize, also
 * the limit of every other SCIM request) with 413 before anything parses it.
 */
@Provider
@PreMatching
@Priority(100)
public class ScimBodyLimitFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        int limit = ConfigKey.SCIM_MAX_PAYLOAD_BYTES.get(Integer.class);
        if (request.getLength() > limit) {
            request.abortWith(tooLarge(limit));
            return;
        }
        if (request.getLength() >= 0 || !request.hasEntity()) {
            return;
        }
        byte[] buffered = request.getEntityStream().readNBytes(limit + 1);
        if (buffered.length > limit) {
            request.abortWith(tooLarge(limit));
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(buffered));
    }

    private static Response tooLarge(int limit) {
        return ScimErrors.response(413, "tooMany", "The request body exceeds maxPayloadSize (" + limit + " bytes).");
    }
}
