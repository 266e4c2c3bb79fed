package dev.mandate.api.console;

import dev.mandate.platform.config.ConfigKey;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;

/**
 * The console's pages run only the console's own scripts and talk only to this server (and the IdP's token
 * endpoint when one is configured): a value that slipped into the page as markup could not load or send
 * anything. No referrer leaves the page (the login's code is in its address), and no other site frames it.
 */
@WebFilter(urlPatterns = "/console/*")
public class ConsoleHeaders extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'"
                        + tokenEndpointOrigin()
                        + "; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        // a new release's scripts are fetched at once, revalidated rather than taken from a stale cache
        response.setHeader("Cache-Control", "no-cache");
        chain.doFilter(request, response);
    }

    private static String tokenEndpointOrigin() {
        return ConfigKey.CONSOLE_OIDC_TOKEN_ENDPOINT
                .lookup(String.class)
                .map(URI::create)
                .filter(URI::isAbsolute)
                .map(u -> " " + u.getScheme() + "://" + u.getRawAuthority())
                .orElse("");
    }
}
