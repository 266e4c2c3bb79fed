package dev.mandate.api.devtoken;

import dev.mandate.api.security.NoTokenRequired;
import dev.mandate.devtoken.control.DevTokenIssuer;
import dev.mandate.devtoken.control.DevTokenIssuer.IssuedToken;
import dev.mandate.platform.config.ConfigKey;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Quick start only: mint a token in one call. Anywhere configuration leaves it off it answers exactly
 * like a path that does not exist.
 */
@Path("/v1/dev/tokens")
@DevTokensSwitch.WhenEnabled
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Quick start", description = "Token issuer for local evaluation; off in production")
public class DevTokensResource {

    public record TokenResponse(
            @JsonbProperty("access_token") String accessToken,
            @JsonbProperty("token_type") String tokenType,
            @JsonbProperty("expires_in") long expiresIn) {}

    @Inject
    DevTokenIssuer issuer;

    @POST
    @NoTokenRequired
    @Operation(summary = "Mint a bearer token (quick start only; 404 when disabled)")
    public TokenResponse issue(@Valid DevTokenRequest request) {
        if (!issuer.isEnabled()) {
            // switched off while this request was on its way (DevTokensSwitch answered the others)
            throw new NotFoundException();
        }
        long ttl = request.ttlSeconds == null ? 3600 : Math.min(request.ttlSeconds, issuer.maxTtlSeconds());
        String tenant = request.tenant == null ? ConfigKey.DEMO_TENANT.get(String.class) : request.tenant;
        IssuedToken token = issuer.issue(request.subject, request.groups, tenant, Duration.ofSeconds(ttl));
        return new TokenResponse(token.accessToken(), "Bearer", token.expiresInSeconds());
    }
}
