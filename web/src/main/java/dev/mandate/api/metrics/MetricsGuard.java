package dev.mandate.api.metrics;

import dev.mandate.platform.config.ConfigKey;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code /metrics} holds every tenant's names, tools and costs: with {@code mandate.metrics.scraper} set, only
 * that scraper reads it (HTTP BASIC, its password kept as a SHA-256 digest, see {@link ScraperCredential}).
 * Payara's own endpoint security cannot do it here: the endpoint takes the security of the application at the
 * root context, which is Mandate's (bearer tokens), and answered 200 with an empty body to everyone, the
 * scraper included (measured on Payara 6.2025.9). Its servlet runs in Mandate's context, so this filter sees
 * every request to it. Unset, the endpoint is open (the quick start, on localhost).
 */
@WebFilter(urlPatterns = {"/metrics", "/metrics/*"})
public class MetricsGuard extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<ScraperCredential> scraper =
                ConfigKey.METRICS_SCRAPER.lookup(String.class).map(ScraperCredential::parse);
        if (scraper.isEmpty() || scraper.get().admits(request.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"mandate-metrics\", charset=\"UTF-8\"");
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("401 Unauthorized: /metrics is for the configured scraper only\n");
    }
}
