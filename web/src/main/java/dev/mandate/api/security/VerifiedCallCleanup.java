package dev.mandate.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import java.io.IOException;

/**
 * Clears the thread's {@link VerifiedCall} when the container hands the HTTP worker back. The JAX-RS
 * response filter clears it too, but a suspended request (an envelope answered asynchronously) has its
 * response filtered on another thread: without this, the worker would keep the last caller, and with it
 * this application's classes after an undeploy.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class VerifiedCallCleanup extends HttpFilter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            VerifiedCall.clear();
        }
    }
}
