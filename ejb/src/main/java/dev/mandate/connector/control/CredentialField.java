package dev.mandate.connector.control;

/** One value of a credential, by the last segment of its configuration key. */
public enum CredentialField {
    KEY("key"),
    USERNAME("username"),
    PASSWORD("password"),
    CLIENT_ID("client-id"),
    CLIENT_SECRET("client-secret");

    private final String key;

    CredentialField(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
