package dev.mandate.connector.control;

public class CredentialUnavailableException extends RuntimeException {
    public CredentialUnavailableException(String name) {
        super("credential '" + name + "' is not available");
    }
}
