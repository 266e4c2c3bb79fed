package dev.mandate.connector.control;

import java.util.Optional;

/**
 * Where credential values come from. The configured one (MicroProfile Config: password aliases, system
 * properties, environment variables, directory sources) is always there; a vault is another CDI bean
 * implementing this interface. Sources are asked in descending {@link #priority()}.
 *
 * <p>A source must keep tenants apart: a scope of tenant A never yields a value configured for tenant B.
 */
public interface CredentialSource {

    /** One value of the scope's entry; empty when this source does not hold it. */
    Optional<String> value(CredentialScope scope, CredentialField field);

    default int priority() {
        return 0;
    }
}
