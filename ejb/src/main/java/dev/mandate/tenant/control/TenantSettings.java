package dev.mandate.tenant.control;

import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.platform.config.ConfigKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Per-tenant settings, as MicroProfile Config keys {@code mandate.tenant.<tenant>.<setting>} (system
 * properties or environment variables, like every other setting), falling back to the key for all
 * tenants where there is one. Read when an identity is written or a tool call is traced, never on the
 * decision path.
 */
@ApplicationScoped
public class TenantSettings {

    private static final Logger LOG = Logger.getLogger(TenantSettings.class.getName());

    /** The setting's key for one tenant: {@code mandate.tenant.<tenant>.<setting>}. */
    public static String key(String tenant, String setting) {
        return "mandate.tenant." + tenant + "." + setting;
    }

    /**
     * The highest default tier the identity provider may give an agent over SCIM ({@code scim-max-tier},
     * else {@code mandate.scim.max-tier}). A value that is no tier counts as READ_ONLY: fail closed.
     */
    public AuthorityTier scimMaxTier(String tenant) {
        String text = tenantValue(tenant, "scim-max-tier")
                .or(() -> ConfigKey.SCIM_MAX_TIER.lookup(String.class))
                .orElse(AuthorityTier.SUGGEST_ONLY.name());
        try {
            return AuthorityTier.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            LOG.warning(() ->
                    "SCIM tier ceiling of tenant " + tenant + " is not a tier: '" + text + "'; READ_ONLY applies");
            return AuthorityTier.READ_ONLY;
        }
    }

    /** Who sponsors an agent created without a sponsor ({@code default-sponsor}); empty: nobody. */
    public Optional<String> defaultSponsor(String tenant) {
        return tenantValue(tenant, "default-sponsor").map(String::trim).filter(s -> !s.isEmpty());
    }

    /**
     * Whether a tool call's arguments and result go on its span ({@code trace-content}), redacted; off
     * unless set to {@code true}. Read per execution attempt while tracing is on.
     */
    public boolean traceContent(String tenant) {
        return tenantValue(tenant, "trace-content")
                .map(v -> v.trim().equalsIgnoreCase("true"))
                .orElse(false);
    }

    private static Optional<String> tenantValue(String tenant, String setting) {
        return ConfigProvider.getConfig().getOptionalValue(key(tenant, setting), String.class);
    }
}
