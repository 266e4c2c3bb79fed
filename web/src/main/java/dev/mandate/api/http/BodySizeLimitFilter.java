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
import java.util.regex.Pattern;

/**
 * Refuses a body over {@code mandate.api.max-body-bytes} with 413 before anything parses it: at once
 * when Content-Length says so, otherwise after reading at most the limit plus one byte. An eval dataset's
 * import (JSON Lines or CSV, many cases in one body) has a limit of its own, {@code mandate.evals.max-import-bytes}.
 */
@Provider
@PreMatching
@Priority(100)
public class BodySizeLimitFilter implements ContainerRequestFilter {

    private static final Pattern DATASET_IMPORT = Pattern.compile("/?v1/evals/datasets/[^/]+/versions/?");

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        int limit = isDatasetImport(request)
                ? ConfigKey.EVALS_MAX_IMPORT_BYTES.get(Integer.class)
                : ConfigKey.API_MAX_BODY_BYTES.get(Integer.class);
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

    private static boolean isDatasetImport(ContainerRequestContext request) {
        return "POST".equals(request.getMethod())
                && DATASET_IMPORT.matcher(request.getUriInfo().getPath()).matches();
    }

    private static jakarta.ws.rs.core.Response tooLarge(int limit) {
        return Problems.of(ProblemType.PAYLOAD_TOO_LARGE, "The body exceeds the limit of " + limit + " bytes.");
    }
}
