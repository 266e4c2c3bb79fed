package dev.mandate.connector.control;

/**
 * Which entry of a tenant's credential to read: the shared one ({@code person} null), or the one of the
 * person an agent acts for. {@code agentId} is there for sources that also tell agents apart; the
 * configured source does not.
 */
public record CredentialScope(String tenant, String name, String agentId, String person) {

    public boolean isShared() {
        return person == null;
    }

    public CredentialScope shared() {
        return new CredentialScope(tenant, name, null, null);
    }
}
