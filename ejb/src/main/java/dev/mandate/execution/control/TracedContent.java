package dev.mandate.execution.control;

import dev.mandate.audit.control.PiiRedactor;
import dev.mandate.connector.control.SecretRedactor;
import dev.mandate.tenant.control.TenantSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A tool call's arguments and result on its span: only for a tenant that opted in
 * ({@code mandate.tenant.<tenant>.trace-content=true}), and then with the credentials Mandate resolved and
 * personal data redacted as in the audit, cut to {@value #MAX_CHARS} characters.
 */
@ApplicationScoped
public class TracedContent {

    static final int MAX_CHARS = 4096;

    @Inject
    TenantSettings settings;

    @Inject
    SecretRedactor secrets;

    public boolean wanted(String tenant) {
        return settings.traceContent(tenant);
    }

    /** Secrets first, then personal data, and only then cut (a cut first could leave part of a secret). */
    public String redacted(String json) {
        String redacted = PiiRedactor.redact(secrets.redact(json));
        return redacted.length() <= MAX_CHARS ? redacted : redacted.substring(0, MAX_CHARS);
    }
}
