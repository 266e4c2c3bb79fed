package dev.mandate.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.ConsoleBrowser;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's production login against an enterprise IdP, played by a stub on this machine that does
 * what Okta's and Entra ID's documentation shows for a single-page app: the authorization endpoint answers a
 * signed-in user with a redirect carrying a code, the token endpoint (cross-origin, with CORS for the
 * console's origin) exchanges it against the PKCE verifier for a JWT access token that Mandate verifies as
 * it verifies any API caller's. The console learns the endpoints from mandate.console.oidc.*.
 */
class ConsoleEnterpriseLoginIT extends MandateIT {

    private static final String CLIENT = "mandate-console-spa";

    private static HttpServer idp;
    private static String idpBase;
    private static final Map<String, String[]> issued = new ConcurrentHashMap<>();
    private static final List<String> exchanges = new CopyOnWriteArrayList<>();
    private static volatile boolean refuse;
    private static volatile String tenant;

    @BeforeEach
    void freshTenant() {
        tenant = newTenant();
        refuse = false;
        exchanges.clear();
    }

    /** One IdP for the class: each property set on the domain is an asadmin call of seconds. */
    @BeforeAll
    static void startIdp() throws IOException {
        idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/oauth2/v1/authorize", ConsoleEnterpriseLoginIT::authorize);
        idp.createContext("/oauth2/v1/token", ConsoleEnterpriseLoginIT::token);
        idp.start();
        idpBase = "http://127.0.0.1:" + idp.getAddress().getPort();
        Asadmin.setProperty("mandate.console.oidc.authorization-endpoint", idpBase + "/oauth2/v1/authorize");
        Asadmin.setProperty("mandate.console.oidc.token-endpoint", idpBase + "/oauth2/v1/token");
        Asadmin.setProperty("mandate.console.oidc.client-id", CLIENT);
    }

    @AfterAll
    static void stopIdp() {
        Asadmin.removeProperty("mandate.console.oidc.authorization-endpoint");
        Asadmin.removeProperty("mandate.console.oidc.token-endpoint");
        Asadmin.removeProperty("mandate.console.oidc.client-id");
        idp.stop(0);
    }

    @Test
    void theConsoleLogsInAtTheEnterpriseIdpWithPkceAndUsesItsToken() {
        anonymous()
                .get("/api/v1/console/settings")
                .then()
                .statusCode(200)
                .body("devLogin", org.hamcrest.Matchers.equalTo(false))
                .body("oidc.clientId", org.hamcrest.Matchers.equalTo(CLIENT))
                .body("oidc.tokenEndpoint", org.hamcrest.Matchers.equalTo(idpBase + "/oauth2/v1/token"));
        // the console's pages may call the IdP's token endpoint, and nothing else outside this server
        assertThat(anonymous().get("/console/").header("Content-Security-Policy"))
                .contains("connect-src 'self' " + idpBase + ";");

        ConsoleBrowser.scenario(BASE_URL, "enterpriseLogin", Map.of("subject", "dana@corp.example", "tenant", tenant));

        assertThat(exchanges).containsExactly("verified");
    }

    @Test
    void aLoginTheIdpRefusesIsShownAndLeavesNoToken() {
        refuse = true;

        ConsoleBrowser.scenario(BASE_URL, "enterpriseLogin", Map.of("refused", true));

        assertThat(exchanges).isEmpty();
    }

    private static void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String redirect = query.get("redirect_uri");
        if (!CLIENT.equals(query.get("client_id"))
                || !(BASE_URL + "/console/").equals(redirect)
                || !"S256".equals(query.get("code_challenge_method"))
                || !"code".equals(query.get("response_type"))) {
            answer(exchange, 400, "text/plain", "bad authorization request: " + query);
            return;
        }
        String back;
        if (refuse) {
            back = redirect + "?error=access_denied&error_description=" + encode("the user is not assigned to the app")
                    + "&state=" + encode(query.get("state"));
        } else {
            String code = UUID.randomUUID().toString();
            issued.put(code, new String[] {query.get("code_challenge"), redirect});
            back = redirect + "?code=" + code + "&state=" + encode(query.get("state"));
        }
        exchange.getResponseHeaders().add("Location", back);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void token(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders()
                .add(
                        "Access-Control-Allow-Origin",
                        URI.create(BASE_URL).resolve("/").toString().replaceAll("/$", ""));
        if ("OPTIONS".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type, Accept");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String[] grant = issued.remove(body.getOrDefault("code", ""));
        if (grant == null
                || !"authorization_code".equals(body.get("grant_type"))
                || !CLIENT.equals(body.get("client_id"))
                || !grant[1].equals(body.get("redirect_uri"))
                || !grant[0].equals(s256(body.getOrDefault("code_verifier", "")))) {
            answer(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        exchanges.add("verified");
        String token = Tokens.of(tenant, "dana@corp.example", Tokens.APPROVER, Tokens.AUDITOR);
        answer(
                exchange,
                200,
                "application/json",
                "{\"access_token\":\"" + token
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":600,\"scope\":\"openid\"}");
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                values.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
