package dev.mandate.delegation.control;

import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import dev.mandate.platform.security.BearerTokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * Proves whom an agent acts for: the person's own token, verified as every token Mandate accepts
 * ({@link BearerTokenVerifier}) and issued for the caller's tenant. A token that does not prove anything
 * is refused (422), never taken as an assertion.
 */
@ApplicationScoped
public class PersonTokens {

    static final String FIELD = "onBehalfOfToken";

    @Inject
    BearerTokenVerifier verifier;

    /** The person the token proves, its subject. */
    public String subject(String tenant, String token) {
        Map<String, Object> claims;
        try {
            claims = verifier.verify(token);
        } catch (BearerTokenVerifier.RejectedToken invalid) {
            throw refused("is not a valid token of the person: " + invalid.getMessage());
        }
        if (!tenant.equals(claims.get(ConfigKey.JWT_TENANT_CLAIM.get(String.class)))) {
            throw refused("was issued for another tenant");
        }
        return (String) claims.get("sub");
    }

    private static InvalidRequestException refused(String message) {
        return new InvalidRequestException(
                ProblemType.UNPROCESSABLE, FIELD + ": " + message, List.of(new Violation(FIELD, message)));
    }
}
