package dev.mandate.connector.control;

import dev.mandate.catalog.entity.CredentialReference;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpRequest;

/** Resolves a credential reference on the server and sets what a request needs to carry it. */
@ApplicationScoped
public class Credentials {

    public void apply(
            String tenant, CredentialReference ref, String agentId, String onBehalfOf, HttpRequest.Builder request) {
        throw new CredentialUnavailableException(ref.name());
    }

    public void invalidate(String tenant, CredentialReference ref, String agentId, String onBehalfOf) {}
}
