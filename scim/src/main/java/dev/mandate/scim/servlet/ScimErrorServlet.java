package dev.mandate.scim.servlet;

import dev.mandate.scim.error.ScimErrors;
import dev.mandate.scim.http.ScimJson;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Errors the container itself produces on SCIM paths (a path outside JAX-RS, a
 * crash before JAX-RS) answered as SCIM errors like everything else. Wired in web.xml.
 */
@WebServlet("/scim-error")
public class ScimErrorServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ScimErrorServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : HttpServletResponse.SC_NOT_FOUND;
        String detail =
                switch (status) {
                    case 400 -> "The request could not be read.";
                    case 401 ->
                        "The bearer token is missing, malformed, expired, not signed by a trusted key, or from"
                                + " an unexpected issuer or audience.";
                    case 403 -> "You are not allowed to do this.";
                    case 404 -> "No resource at this path.";
                    case 405 -> "This method is not supported here.";
                    default -> null;
                };
        if (status >= 500) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.WARNING, "SCIM incident " + incident, (Throwable)
                    request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            detail = "Internal error; quote incident " + incident + " when you report it.";
        }
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setStatus(status);
        response.setContentType(ScimJson.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(ScimErrors.body(status, null, detail).toString());
    }
}
