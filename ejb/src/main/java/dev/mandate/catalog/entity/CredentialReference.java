package dev.mandate.catalog.entity;

import java.util.List;

/**
 * A credential by name: its values are resolved on the server (password aliases, MicroProfile Config,
 * a vault) and never stored, answered, audited or logged.
 *
 * @param name the credential's name in the configured sources
 * @param kind what it is and how a request carries it
 * @param header API_KEY: the header that carries the key ({@code Authorization} gets a {@code Bearer}
 *     prefix)
 * @param tokenUrl OAUTH2_CLIENT_CREDENTIALS: the token endpoint
 * @param scopes OAUTH2_CLIENT_CREDENTIALS: the scopes this action asks for (least privilege)
 * @param perPerson credentials are picked by (agent, the person acted for) where such exist
 */
public record CredentialReference(
        String name, CredentialKind kind, String header, String tokenUrl, List<String> scopes, boolean perPerson) {

    public enum CredentialKind {
        API_KEY,
        BASIC,
        OAUTH2_CLIENT_CREDENTIALS
    }
}
