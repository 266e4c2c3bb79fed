package dev.mandate.api.devtoken;

import dev.mandate.api.security.NoTokenRequired;
import dev.mandate.devtoken.control.DevAuthorizationCodes;
import dev.mandate.devtoken.control.DevAuthorizationCodes.Grant;
import dev.mandate.devtoken.control.DevAuthorizationCodes.Refused;
import dev.mandate.devtoken.control.DevTokenIssuer;
import dev.mandate.devtoken.control.DevTokenIssuer.IssuedToken;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.security.BuiltInRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Quick start only: the console's dev login, an OpenID Connect authorization code flow with PKCE on the
 * local issuer, so the console logs in exactly as it does against the enterprise IdP. The login form lets
 * whoever opens it choose a person and a built-in role: that is what a quick start is for, and why this
 * answers 404 wherever dev tokens are off.
 */
@Path("/v1/dev/oidc")
@DevTokensSwitch.WhenEnabled
@RequestScoped
@Tag(name = "Quick start", description = "Token issuer for local evaluation; off in production")
public class DevLoginResource {

    static final Map<String, String> ROLES = Map.of(
            "admin", BuiltInRole.ADMIN,
            "approver", BuiltInRole.APPROVER,
            "auditor", BuiltInRole.AUDITOR);
    private static final String CONSOLE_PATH = "/console/";
    private static final Duration TOKEN_TTL = Duration.ofHours(8);

    @Inject
    DevTokenIssuer issuer;

    @Inject
    DevAuthorizationCodes codes;

    @Context
    UriInfo uri;

    @GET
    @Path("authorize")
    @NoTokenRequired
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The dev login form of an authorization request (quick start only; 404 when disabled)")
    public Response form(
            @QueryParam("response_type") String responseType,
            @QueryParam("client_id") String clientId,
            @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("state") String state,
            @QueryParam("code_challenge") String codeChallenge,
            @QueryParam("code_challenge_method") String method) {
        AuthorizationRequest request =
                checked(new AuthorizationRequest(responseType, clientId, redirectUri, state, codeChallenge, method));
        return page(Response.ok(DevLoginPage.render(request, ConfigKey.DEMO_TENANT.get(String.class), null)));
    }

    @POST
    @Path("authorize")
    @NoTokenRequired
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Log in as the chosen person and return to the console with a code")
    public Response login(
            @FormParam("response_type") String responseType,
            @FormParam("client_id") String clientId,
            @FormParam("redirect_uri") String redirectUri,
            @FormParam("state") String state,
            @FormParam("code_challenge") String codeChallenge,
            @FormParam("code_challenge_method") String method,
            @FormParam("subject") String subject,
            @FormParam("role") List<String> roles,
            @FormParam("tenant") String tenant) {
        AuthorizationRequest request =
                checked(new AuthorizationRequest(responseType, clientId, redirectUri, state, codeChallenge, method));
        String problem = personProblem(subject, roles, tenant);
        if (problem != null) {
            return page(Response.status(Response.Status.BAD_REQUEST)
                    .type(MediaType.TEXT_HTML_TYPE)
                    .entity(DevLoginPage.render(request, tenant, problem)));
        }
        String code = codes.issue(new Grant(
                subject.strip(),
                roles.stream().distinct().map(ROLES::get).toList(),
                tenant,
                clientId,
                redirectUri,
                codeChallenge));
        UriBuilder back = UriBuilder.fromUri(redirectUri).queryParam("code", code);
        if (state != null) {
            back.queryParam("state", state);
        }
        return Response.seeOther(back.build()).cacheControl(noStore()).build();
    }

    @POST
    @Path("token")
    @NoTokenRequired
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange the code and its PKCE verifier for an access token")
    public Response token(
            @FormParam("grant_type") String grantType,
            @FormParam("code") String code,
            @FormParam("redirect_uri") String redirectUri,
            @FormParam("client_id") String clientId,
            @FormParam("code_verifier") String codeVerifier) {
        if (!"authorization_code".equals(grantType)) {
            return tokenError("unsupported_grant_type", "grant_type must be authorization_code");
        }
        Grant grant;
        try {
            grant = codes.redeem(code, clientId, redirectUri, codeVerifier);
        } catch (Refused refused) {
            return tokenError(refused.error(), refused.getMessage());
        }
        IssuedToken token = issuer.issue(grant.subject(), grant.groups(), grant.tenant(), TOKEN_TTL);
        return Response.ok(Json.createObjectBuilder()
                        .add("access_token", token.accessToken())
                        .add("token_type", "Bearer")
                        .add("expires_in", token.expiresInSeconds())
                        .add("scope", "openid")
                        .build())
                .cacheControl(noStore())
                .header("Pragma", "no-cache")
                .build();
    }

    /** An authorization request as the console sends it. */
    record AuthorizationRequest(
            String responseType,
            String clientId,
            String redirectUri,
            String state,
            String codeChallenge,
            String codeChallengeMethod) {}

    /**
     * Refuses (400, never a redirect) a request whose redirect URI is not this server's console: a code must
     * not be handed to anyone else.
     */
    private AuthorizationRequest checked(AuthorizationRequest request) {
        String base = uri.getBaseUri().resolve("/").toString();
        if (request.redirectUri() == null || !sameConsole(request.redirectUri(), base)) {
            throw new InvalidRequestException(
                    "redirect_uri", "must be this server's console (" + base + "console/...)");
        }
        if (!"code".equals(request.responseType())) {
            throw new InvalidRequestException("response_type", "must be code");
        }
        if (!ConfigKey.CONSOLE_OIDC_CLIENT_ID.get(String.class).equals(request.clientId())) {
            throw new InvalidRequestException("client_id", "is not a client of this issuer");
        }
        if (!"S256".equals(request.codeChallengeMethod())
                || request.codeChallenge() == null
                || !request.codeChallenge().matches("[A-Za-z0-9_-]{43}")) {
            throw new InvalidRequestException(
                    "code_challenge", "PKCE is required: code_challenge_method S256 and a 43-character challenge");
        }
        if (request.state() != null && !request.state().matches("[A-Za-z0-9._~-]{1,128}")) {
            throw new InvalidRequestException("state", "must be 1 to 128 unreserved characters");
        }
        return request;
    }

    private static boolean sameConsole(String redirectUri, String base) {
        if (redirectUri.length() > 512) {
            return false;
        }
        try {
            URI target = URI.create(redirectUri);
            return target.getRawFragment() == null
                    && target.getRawQuery() == null
                    && target.getRawUserInfo() == null
                    && redirectUri.startsWith(base.substring(0, base.length() - 1) + CONSOLE_PATH)
                    && !target.getRawPath().contains("..");
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static String personProblem(String subject, List<String> roles, String tenant) {
        if (subject == null || subject.isBlank() || subject.strip().length() > 128) {
            return "Enter who you are (1 to 128 characters), for example carol.controller@demo.example.";
        }
        if (!subject.strip().codePoints().allMatch(c -> c >= 0x20 && c != 0x7f && !Character.isSurrogate((char) c))) {
            return "The name must not contain control characters.";
        }
        if (roles == null
                || roles.isEmpty()
                || roles.size() > ROLES.size()
                || !ROLES.keySet().containsAll(roles)) {
            return "Choose one or more roles: administrator, approver, auditor.";
        }
        if (tenant == null || !tenant.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            return "The tenant is lowercase letters, digits and -, for example demo.";
        }
        return null;
    }

    private static Response tokenError(String error, String description) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder()
                        .add("error", error)
                        .add("error_description", description)
                        .build())
                .cacheControl(noStore())
                .build();
    }

    /** The login form loads only its stylesheet, posts only here, is never framed and never cached. */
    private static Response page(Response.ResponseBuilder page) {
        return page.cacheControl(noStore())
                .header("Content-Security-Policy", "default-src 'none'; style-src 'self'; form-action 'self'")
                .header("X-Frame-Options", "DENY")
                .build();
    }

    private static CacheControl noStore() {
        CacheControl cache = new CacheControl();
        cache.setNoStore(true);
        return cache;
    }
}
