package dev.mandate.api.console;

import dev.mandate.api.security.NoTokenRequired;
import dev.mandate.devtoken.control.DevTokenIssuer;
import dev.mandate.platform.config.ConfigKey;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where the console logs in: the enterprise IdP's endpoints when configured, else the quick start's dev
 * login on the local issuer (only while dev tokens are on). Public by necessity (it is read before login)
 * and holds nothing secret: the console is a public client, PKCE protects its code.
 */
@Path("/v1/console/settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Console", description = "What the console reads before login")
public class ConsoleSettingsResource {

    @Inject
    DevTokenIssuer devTokens;

    @GET
    @NoTokenRequired
    @Operation(summary = "The console's OpenID Connect client settings")
    public JsonObject settings() {
        JsonObjectBuilder json = Json.createObjectBuilder();
        Optional<String> authorization = ConfigKey.CONSOLE_OIDC_AUTHORIZATION_ENDPOINT.lookup(String.class);
        Optional<String> token = ConfigKey.CONSOLE_OIDC_TOKEN_ENDPOINT.lookup(String.class);
        if (authorization.isPresent() && token.isPresent()) {
            JsonObjectBuilder oidc = client(authorization.get(), token.get());
            ConfigKey.CONSOLE_OIDC_LOGOUT_ENDPOINT.lookup(String.class).ifPresent(l -> oidc.add("logoutEndpoint", l));
            json.add("oidc", oidc).add("devLogin", false);
        } else if (devTokens.isEnabled()) {
            json.add("oidc", client("/api/v1/dev/oidc/authorize", "/api/v1/dev/oidc/token"))
                    .add("devLogin", true);
        } else {
            json.addNull("oidc").add("devLogin", false);
        }
        return json.build();
    }

    private static JsonObjectBuilder client(String authorization, String token) {
        return Json.createObjectBuilder()
                .add("authorizationEndpoint", authorization)
                .add("tokenEndpoint", token)
                .add("clientId", ConfigKey.CONSOLE_OIDC_CLIENT_ID.get(String.class))
                .add("scope", ConfigKey.CONSOLE_OIDC_SCOPE.get(String.class));
    }
}
