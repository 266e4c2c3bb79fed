package dev.mandate.connector.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * Credential values from MicroProfile Config, under {@code mandate.credentials.<tenant>.<name>.<field>}
 * and, for one person, {@code mandate.credentials.<tenant>.<name>.person.<person>.<field>}. On Payara that
 * covers password aliases (the alias named as the key), system properties (a value may be
 * {@code ${ALIAS=...}}), directory config sources (a file named as the key) and environment variables.
 *
 * <p>Tenant ids hold no dot, so a key names one tenant. An environment variable's name does not: every
 * character but letters and digits becomes {@code _}, so {@code MANDATE_CREDENTIALS_ACME_EU_CRM_KEY}
 * would serve tenant {@code acme-eu}'s {@code crm} and tenant {@code acme}'s {@code eu.crm} alike. A value
 * found in the environment is therefore used only where its name can mean one key: a tenant of letters
 * and digits, a name of letters and digits, the shared entry. Anything else must be configured in
 * another source, and is refused rather than read across tenants.
 */
@ApplicationScoped
public class ConfiguredCredentialSource implements CredentialSource {

    public static final String PREFIX = "mandate.credentials.";

    /** The name Payara's config source of environment variables goes by. */
    static final String ENVIRONMENT = "Environment";

    private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]+");

    /** A person's id that can be part of a key (an e-mail address, a user name, an id). */
    private static final Pattern PERSON = Pattern.compile("[A-Za-z0-9@+_.-]{1,256}");

    private final Function<String, ConfigValue> config;

    public ConfiguredCredentialSource() {
        this(name -> ConfigProvider.getConfig().getConfigValue(name));
    }

    ConfiguredCredentialSource(Function<String, ConfigValue> config) {
        this.config = config;
    }

    @Override
    public Optional<String> value(CredentialScope scope, CredentialField field) {
        if (!scope.isShared() && !PERSON.matcher(scope.person()).matches()) {
            return Optional.empty();
        }
        ConfigValue value;
        try {
            value = config.apply(key(scope, field));
        } catch (NoSuchElementException absent) {
            return Optional.empty();
        }
        if (value == null || value.getValue() == null || value.getValue().isEmpty()) {
            return Optional.empty();
        }
        if (ENVIRONMENT.equalsIgnoreCase(value.getSourceName()) && !environmentNameIsUnique(scope)) {
            throw new CredentialUnavailableException(
                    scope.tenant(),
                    scope.name(),
                    "its " + field.key() + " was found only as an environment variable, whose name could stand for"
                            + " another tenant's credential; configure it as a password alias, a system property or"
                            + " a file of a directory config source");
        }
        return Optional.of(value.getValue());
    }

    /** The configuration key of one value of a scope's entry. */
    public static String key(CredentialScope scope, CredentialField field) {
        String entry = PREFIX + scope.tenant() + "." + scope.name() + ".";
        return scope.isShared() ? entry + field.key() : entry + "person." + scope.person() + "." + field.key();
    }

    static boolean environmentNameIsUnique(CredentialScope scope) {
        return scope.isShared()
                && ALPHANUMERIC.matcher(scope.tenant()).matches()
                && ALPHANUMERIC.matcher(scope.name()).matches();
    }
}
