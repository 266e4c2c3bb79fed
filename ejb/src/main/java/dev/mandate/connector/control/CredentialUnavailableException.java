package dev.mandate.connector.control;

/**
 * A credential could not be resolved or used: not configured, incomplete, refused by its token endpoint.
 * The message names the reference (tenant and credential name) and what went wrong, never a value.
 */
public class CredentialUnavailableException extends RuntimeException {

    public CredentialUnavailableException(String tenant, String name, String problem) {
        super("credential '" + name + "' of tenant '" + tenant + "': " + problem, null, false, false);
    }
}
