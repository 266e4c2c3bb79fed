package dev.mandate.api.servlet;

import dev.mandate.api.problem.Problems;
import dev.mandate.platform.error.ProblemType;
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
 * Error pages the container itself produces (a path outside JAX-RS, a crash
 * before JAX-RS) answered as problem+json like everything else. Wired in web.xml.
 */
@WebServlet("/problem")
public class ContainerErrorServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ContainerErrorServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : HttpServletResponse.SC_NOT_FOUND;
        String body;
        if (status >= 500) {
            String incident = UUID.randomUUID().toString();
            Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            LOG.log(Level.WARNING, "incident " + incident, failure);
            body = Problems.body(
                            ProblemType.INTERNAL_ERROR, status, "Quote incident " + incident + " when you report it.")
                    .add("incident", incident)
                    .build()
                    .toString();
        } else {
            body = Problems.body(ProblemType.forStatus(status), status, describe(status))
                    .build()
                    .toString();
        }
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setStatus(status);
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body);
    }

    private static String describe(int status) {
        return switch (status) {
            case 401 ->
                "The bearer token is missing, malformed, expired, not signed by a trusted key, or from"
                        + " an unexpected issuer or audience.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not supported here.";
            default -> null;
        };
    }
}
