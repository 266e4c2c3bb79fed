package dev.mandate.execution.control;

import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where an agent may be called back, and with what the callbacks are signed. An agent names the URL, so
 * Mandate would otherwise send requests wherever an agent asks (into the network it runs in): only hosts
 * the operator lists in {@code mandate.execution.callback-hosts} are called, and only for a tenant with a
 * signing secret (credential {@code callbacks}: {@code mandate.credentials.<tenant>.callbacks.key}, a
 * Standard Webhooks {@code whsec_} secret).
 */
@ApplicationScoped
public class CallbackTargets {

    static final String SECRET_PREFIX = "whsec_";

    /** Refuses a callback URL Mandate would not call (422). */
    public void check(String tenant, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException malformed) {
            throw refused("must be an absolute http(s) URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http"))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null) {
            throw refused("must be an absolute http(s) URL without user information");
        }
        if (!allowedHosts().contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw refused(
                    "host '" + uri.getHost() + "' is not one Mandate calls back (mandate.execution.callback-hosts)");
        }
        if (secret(tenant).isEmpty()) {
            throw refused("the tenant has no callback signing secret configured");
        }
    }

    /** The tenant's signing key, decoded, if one is configured and well formed. */
    public Optional<byte[]> secret(String tenant) {
        return ConfigProvider.getConfig()
                .getOptionalValue("mandate.credentials." + tenant + ".callbacks.key", String.class)
                .map(value -> value.startsWith(SECRET_PREFIX) ? value.substring(SECRET_PREFIX.length()) : value)
                .flatMap(CallbackTargets::decoded);
    }

    private static Optional<byte[]> decoded(String base64) {
        try {
            byte[] key = Base64.getDecoder().decode(base64);
            return key.length >= 16 ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
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

    private static InvalidRequestException refused(String message) {
        return new InvalidRequestException(
                ProblemType.UNPROCESSABLE, "callbackUrl: " + message, List.of(new Violation("callbackUrl", message)));
    }
}
