package dev.mandate.execution.control;

import dev.mandate.platform.webhook.WebhookTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Where an agent may be called back, and with what the callbacks are signed: the rules every webhook
 * Mandate sends follows ({@link WebhookTargets}), applied to an envelope's {@code callbackUrl}.
 */
@ApplicationScoped
public class CallbackTargets {

    @Inject
    WebhookTargets targets;

    /** Refuses a callback URL Mandate would not call (422 naming {@code callbackUrl}). */
    public void check(String tenant, String url) {
        targets.check(tenant, "callbackUrl", url);
    }

    /** The tenant's signing key, decoded, if one is configured and well formed. */
    public Optional<byte[]> secret(String tenant) {
        return targets.secret(tenant);
    }
}
