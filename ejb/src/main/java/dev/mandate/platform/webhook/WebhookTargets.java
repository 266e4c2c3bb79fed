package dev.mandate.platform.webhook;

import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where Mandate sends webhooks (agents' callbacks, tenants' notification subscriptions), and with what
 * they are signed. A URL comes from a tenant or an agent, so Mandate would otherwise send requests
 * wherever it is told (into the network it runs in): only absolute http(s) URLs without user information
 * whose host the operator lists in {@code mandate.execution.callback-hosts} are called, and only for a
 * tenant with a signing secret ({@code mandate.credentials.<tenant>.callbacks.key}, a Standard Webhooks
 * {@code whsec_} secret).
 */
@ApplicationScoped
public class WebhookTargets {

    /** Refuses a URL Mandate would not call: 422 naming {@code field}. */
    public void check(String tenant, String field, String url) {
        Optional<String> refusal = refusal(tenant, url);
        if (refusal.isPresent()) {
            throw new InvalidRequestException(
                    ProblemType.UNPROCESSABLE,
                    field + ": " + refusal.get(),
                    List.of(new Violation(field, refusal.get())));
        }
    }

    /** Why Mandate would not call the URL for the tenant now, if it would not (the secret is never named). */
    public Optional<String> refusal(String tenant, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException malformed) {
            return Optional.of("must be an absolute http(s) URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http"))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null) {
            return Optional.of("must be an absolute http(s) URL without user information");
        }
        if (!allowedHosts().contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            return Optional.of(
                    "host '" + uri.getHost() + "' is not one Mandate calls back (mandate.execution.callback-hosts)");
        }
        if (secret(tenant).isEmpty()) {
            return Optional.of("the tenant has no callback signing secret configured");
        }
        return Optional.empty();
    }

    /** The tenant's signing key, decoded, if one is configured and well formed. */
    public Optional<byte[]> secret(String tenant) {
        return ConfigProvider.getConfig()
                .getOptionalValue("mandate.credentials." + tenant + ".callbacks.key", String.class)
                .flatMap(WebhookSignature::key);
    }

    private static List<String> allowedHosts() {
        return ConfigKey.EXECUTION_CALLBACK_HOSTS
                .lookup(String.class)
                .map(hosts -> Arrays.stream(hosts.split(","))
                        .map(String::trim)
                        .filter(h -> !h.isEmpty())
                        .map(h -> h.toLowerCase(Locale.ROOT))
                        .toList())
                .orElse(List.of());
    }
}
