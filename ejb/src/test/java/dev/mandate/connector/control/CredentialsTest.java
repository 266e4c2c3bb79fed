package dev.mandate.connector.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mandate.catalog.entity.CredentialReference;
import dev.mandate.catalog.entity.CredentialReference.CredentialKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private final Map<String, String> configured = new HashMap<>();
    private final SecretRedactor redactor = new SecretRedactor();
    private final AtomicLong now = new AtomicLong();
    private HttpServer tokenEndpoint;
    private final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicReference<TokenAnswer> answer = new AtomicReference<>(new TokenAnswer(200, null));
    private Credentials credentials;

    record TokenRequest(String authorization, Map<String, String> form) {}

    record TokenAnswer(int status, String body) {}

    @BeforeEach
    void start() throws IOException {
        tokenEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tokenEndpoint.createContext("/token", this::token);
        tokenEndpoint.start();
        credentials = credentials(List.of(new ConfiguredCredentialSource(ConfigValues.payara(configured, Map.of()))));
    }

    @AfterEach
    void stop() {
        tokenEndpoint.stop(0);
    }

    private Credentials credentials(List<CredentialSource> sources) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return new Credentials(sources, redactor, new OAuthTokens(http, now::get));
    }

    private void token(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        tokenRequests.add(new TokenRequest(exchange.getRequestHeaders().getFirst("Authorization"), form));
        TokenAnswer planned = answer.get();
        String json = planned.body() != null
                ? planned.body()
                : "{\"access_token\":\"at-" + issued.incrementAndGet()
                        + "-xyz\",\"token_type\":\"bearer\",\"expires_in\":3600}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(planned.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String tokenUrl() {
        return "http://127.0.0.1:" + tokenEndpoint.getAddress().getPort() + "/token";
    }

    private static HttpRequest.Builder request() {
        return HttpRequest.newBuilder(URI.create("https://tool.example.com/"));
    }

    private static String authorization(HttpRequest.Builder request) {
        return request.build().headers().firstValue("Authorization").orElse(null);
    }

    private static CredentialReference apiKey(String name, String header, boolean perPerson) {
        return new CredentialReference(name, CredentialKind.API_KEY, header, null, null, perPerson);
    }

    private CredentialReference oauth(String name, List<String> scopes, boolean perPerson) {
        return new CredentialReference(
                name, CredentialKind.OAUTH2_CLIENT_CREDENTIALS, null, tokenUrl(), scopes, perPerson);
    }

    private void configureClient(String prefix, String id, String secret) {
        configured.put(prefix + ".client-id", id);
        configured.put(prefix + ".client-secret", secret);
    }

    // --- kinds

    @Test
    void anApiKeyGoesInItsHeaderAsItIs() {
        configured.put("mandate.credentials.acme.crm.key", "k-123456");
        HttpRequest.Builder request = request();
        credentials.apply("acme", apiKey("crm", "X-Api-Key", false), "agent-1", null, request);
        assertThat(request.build().headers().firstValue("X-Api-Key")).contains("k-123456");
    }

    @Test
    void anApiKeyInAuthorizationIsABearerToken() {
        configured.put("mandate.credentials.acme.crm.key", "k-123456");
        HttpRequest.Builder request = request();
        credentials.apply("acme", apiKey("crm", "authorization", false), "agent-1", null, request);
        assertThat(authorization(request)).isEqualTo("Bearer k-123456");
    }

    @Test
    void basicCarriesUsernameAndPasswordInBase64() {
        configured.put("mandate.credentials.acme.erp.username", "mandate");
        configured.put("mandate.credentials.acme.erp.password", "pä55word");
        HttpRequest.Builder request = request();
        credentials.apply(
                "acme",
                new CredentialReference("erp", CredentialKind.BASIC, null, null, null, false),
                "a",
                null,
                request);
        String expected = Base64.getEncoder().encodeToString("mandate:pä55word".getBytes(StandardCharsets.UTF_8));
        assertThat(authorization(request)).isEqualTo("Basic " + expected);
        assertThat(redactor.redact("sent " + expected + " with pä55word")).isEqualTo("sent [REDACTED] with [REDACTED]");
    }

    @Test
    void aUsernameWithAColonCannotBeSentAsBasic() {
        configured.put("mandate.credentials.acme.erp.username", "a:b");
        configured.put("mandate.credentials.acme.erp.password", "secret-pw");
        var basic = new CredentialReference("erp", CredentialKind.BASIC, null, null, null, false);
        assertThatThrownBy(() -> credentials.apply("acme", basic, "a", null, request()))
                .isInstanceOf(CredentialUnavailableException.class)
                .hasMessageNotContaining("secret-pw");
    }

    @Test
    void aValueThatWouldSplitTheHeaderIsRefusedWithoutShowingIt() {
        configured.put("mandate.credentials.acme.crm.key", "k-1\r\nX-Evil: 1");
        assertThatThrownBy(() -> credentials.apply("acme", apiKey("crm", "X-Api-Key", false), "a", null, request()))
                .isInstanceOf(CredentialUnavailableException.class)
                .hasMessageContaining("control character")
                .hasMessageNotContaining("X-Evil");
    }

    // --- resolution

    @Test
    void aPersonsOwnEntryComesBeforeTheSharedOne() {
        configured.put("mandate.credentials.acme.crm.key", "shared-key");
        configured.put("mandate.credentials.acme.crm.person.alice@example.com.key", "alice-key");
        var perPerson = apiKey("crm", "X-Api-Key", true);

        HttpRequest.Builder forAlice = request();
        credentials.apply("acme", perPerson, "agent-1", "alice@example.com", forAlice);
        HttpRequest.Builder forBob = request();
        credentials.apply("acme", perPerson, "agent-1", "bob@example.com", forBob);
        HttpRequest.Builder forNobody = request();
        credentials.apply("acme", perPerson, "agent-1", null, forNobody);

        assertThat(forAlice.build().headers().firstValue("X-Api-Key")).contains("alice-key");
        assertThat(forBob.build().headers().firstValue("X-Api-Key")).contains("shared-key");
        assertThat(forNobody.build().headers().firstValue("X-Api-Key")).contains("shared-key");
    }

    @Test
    void withoutPerPersonAPersonsEntryIsNeverUsed() {
        configured.put("mandate.credentials.acme.crm.key", "shared-key");
        configured.put("mandate.credentials.acme.crm.person.alice.key", "alice-key");
        HttpRequest.Builder request = request();
        credentials.apply("acme", apiKey("crm", "X-Api-Key", false), "agent-1", "alice", request);
        assertThat(request.build().headers().firstValue("X-Api-Key")).contains("shared-key");
    }

    @Test
    void aTenantNeverResolvesAnotherTenantsCredential() {
        configured.put("mandate.credentials.tenant-b.crm.key", "b-secret");
        configured.put("mandate.credentials.tenant-b.crm.username", "b-user");
        configured.put("mandate.credentials.tenant-b.crm.password", "b-secret-pw");
        configureClient("mandate.credentials.tenant-b.crm", "b-client", "b-client-secret");
        for (CredentialReference reference : List.of(
                apiKey("crm", "X-Api-Key", true),
                new CredentialReference("crm", CredentialKind.BASIC, null, null, null, true),
                oauth("crm", List.of(), true))) {
            assertThatThrownBy(() -> credentials.apply("tenant-a", reference, "agent-1", "alice", request()))
                    .isInstanceOf(CredentialUnavailableException.class)
                    .hasMessageContaining("'crm' of tenant 'tenant-a'")
                    .hasMessageContaining("not configured");
        }
        assertThat(tokenRequests).isEmpty();
    }

    @Test
    void aHalfConfiguredEntryIsAnErrorNotAMixOfTwoEntries() {
        configured.put("mandate.credentials.acme.erp.username", "shared-user");
        configured.put("mandate.credentials.acme.erp.password", "shared-pw");
        configured.put("mandate.credentials.acme.erp.person.alice.password", "alice-pw");
        var basic = new CredentialReference("erp", CredentialKind.BASIC, null, null, null, true);
        assertThatThrownBy(() -> credentials.apply("acme", basic, "agent-1", "alice", request()))
                .isInstanceOf(CredentialUnavailableException.class)
                .hasMessageContaining("incomplete: username missing")
                .hasMessageNotContaining("alice-pw");
    }

    @Test
    void aSourceOfHigherPriorityIsAskedFirst() {
        configured.put("mandate.credentials.acme.crm.key", "configured-key");
        CredentialSource vault = new CredentialSource() {
            @Override
            public Optional<String> value(CredentialScope scope, CredentialField field) {
                return scope.tenant().equals("acme") ? Optional.of("vault-key") : Optional.empty();
            }

            @Override
            public int priority() {
                return 10;
            }
        };
        Credentials withVault =
                credentials(List.of(new ConfiguredCredentialSource(ConfigValues.payara(configured, Map.of())), vault));
        HttpRequest.Builder request = request();
        withVault.apply("acme", apiKey("crm", "X-Api-Key", false), "a", null, request);
        assertThat(request.build().headers().firstValue("X-Api-Key")).contains("vault-key");
    }

    @Test
    void anInvalidReferenceIsRefused() {
        assertThatThrownBy(() -> credentials.apply("Not A Tenant", apiKey("crm", "X-K", false), "a", null, request()))
                .isInstanceOf(CredentialUnavailableException.class);
        assertThatThrownBy(() -> credentials.apply("acme", apiKey("../crm", "X-K", false), "a", null, request()))
                .isInstanceOf(CredentialUnavailableException.class);
        assertThatThrownBy(() -> credentials.apply("acme", apiKey("crm", "Host", false), "a", null, request()))
                .isInstanceOf(CredentialUnavailableException.class);
    }

    // --- OAuth 2.0 client credentials

    @Test
    void aTokenIsFetchedWithTheClientsBasicAuthAndTheActionsScopes() {
        configureClient("mandate.credentials.acme.erp", "client-1", "client-secret-1");
        HttpRequest.Builder request = request();
        credentials.apply("acme", oauth("erp", List.of("invoices.pay", "invoices:read"), false), "a", null, request);

        assertThat(authorization(request)).isEqualTo("Bearer at-1-xyz");
        assertThat(tokenRequests).singleElement().satisfies(sent -> {
            assertThat(sent.authorization())
                    .isEqualTo("Basic "
                            + Base64.getEncoder()
                                    .encodeToString("client-1:client-secret-1".getBytes(StandardCharsets.UTF_8)));
            assertThat(sent.form())
                    .containsEntry("grant_type", "client_credentials")
                    .containsEntry("scope", "invoices.pay invoices:read");
        });
        assertThat(redactor.redact("at-1-xyz client-secret-1")).isEqualTo("[REDACTED] [REDACTED]");
    }

    @Test
    void aTokenIsKeptUntilItsExpiryLessTheMargin() {
        configureClient("mandate.credentials.acme.erp", "client-1", "secret-1");
        var erp = oauth("erp", List.of("a"), false);
        credentials.apply("acme", erp, "a", null, request());
        now.addAndGet(Duration.ofSeconds(3600)
                .minus(OAuthTokens.MARGIN)
                .minusSeconds(1)
                .toNanos());
        HttpRequest.Builder stillCached = request();
        credentials.apply("acme", erp, "a", null, stillCached);
        assertThat(authorization(stillCached)).isEqualTo("Bearer at-1-xyz");
        assertThat(tokenRequests).hasSize(1);

        now.addAndGet(Duration.ofSeconds(2).toNanos());
        HttpRequest.Builder renewed = request();
        credentials.apply("acme", erp, "a", null, renewed);
        assertThat(authorization(renewed)).isEqualTo("Bearer at-2-xyz");
        assertThat(tokenRequests).hasSize(2);
    }

    @Test
    void tokensAreKeptApartByScopesAndPersonButNotByScopeOrder() {
        configureClient("mandate.credentials.acme.erp", "client-1", "secret-1");
        configureClient("mandate.credentials.acme.erp.person.alice", "client-alice", "secret-alice");
        credentials.apply("acme", oauth("erp", List.of("a", "b"), true), "agent", null, request());
        credentials.apply("acme", oauth("erp", List.of("b", "a"), true), "agent", null, request());
        credentials.apply("acme", oauth("erp", List.of("a"), true), "agent", null, request());
        HttpRequest.Builder forAlice = request();
        credentials.apply("acme", oauth("erp", List.of("a", "b"), true), "agent", "alice", forAlice);
        // a person without an entry of their own shares the shared entry's token
        credentials.apply("acme", oauth("erp", List.of("a", "b"), true), "agent", "bob", request());

        assertThat(tokenRequests).hasSize(3);
        assertThat(tokenRequests.get(2).authorization()).contains(OAuthTokens.basic("client-alice", "secret-alice"));
        assertThat(authorization(forAlice)).isEqualTo("Bearer at-3-xyz");
    }

    @Test
    void anInvalidatedTokenIsFetchedAgain() {
        configureClient("mandate.credentials.acme.erp", "client-1", "secret-1");
        var erp = oauth("erp", List.of(), false);
        credentials.apply("acme", erp, "a", null, request());
        credentials.invalidate("acme", erp, "a", null);
        HttpRequest.Builder request = request();
        credentials.apply("acme", erp, "a", null, request);
        assertThat(authorization(request)).isEqualTo("Bearer at-2-xyz");
        assertThat(tokenRequests.get(1).form()).doesNotContainKey("scope");
    }

    @Test
    void invalidatingWhatWasNeverResolvedDoesNothing() {
        credentials.invalidate("acme", oauth("nothing", List.of(), false), "a", null);
        credentials.invalidate("acme", apiKey("crm", "X-K", false), "a", null);
        credentials.invalidate("acme", null, "a", null);
        assertThat(tokenRequests).isEmpty();
    }

    @Test
    void aRefusalOfTheTokenEndpointNamesItsStatusAndErrorCodeButNothingItEchoes() {
        configureClient("mandate.credentials.acme.erp", "client-1", "secret-echoed");
        answer.set(new TokenAnswer(
                401, "{\"error\":\"invalid_client\",\"error_description\":\"bad secret 'secret-echoed'\"}"));
        assertThatThrownBy(() -> credentials.apply("acme", oauth("erp", List.of(), false), "a", null, request()))
                .isInstanceOf(CredentialUnavailableException.class)
                .hasMessage("credential 'erp' of tenant 'acme': its token endpoint answered 401 (invalid_client)");
    }

    @Test
    void anAnswerWithoutAUsableTokenIsRefused() {
        configureClient("mandate.credentials.acme.erp", "client-1", "secret-1");
        for (String body : List.of(
                "not json",
                "[]",
                "{}",
                "{\"access_token\":\"\"}",
                "{\"access_token\":\"a\\r\\nb\"}",
                "{\"access_token\":5}",
                "{\"access_token\":\"mac-token\",\"token_type\":\"mac\"}")) {
            answer.set(new TokenAnswer(200, body));
            assertThatThrownBy(() -> credentials.apply("acme", oauth("erp", List.of(), false), "a", null, request()))
                    .as(body)
                    .isInstanceOf(CredentialUnavailableException.class)
                    .hasMessageNotContaining("mac-token");
        }
    }

    @Test
    void aTokenOfAHugeOrNoStatedLifetimeIsKeptBoundedly() {
        configureClient("mandate.credentials.acme.erp", "client-1", "secret-1");
        var erp = oauth("erp", List.of(), false);
        answer.set(new TokenAnswer(200, "{\"access_token\":\"forever\",\"expires_in\":1e999999999}"));
        credentials.apply("acme", erp, "a", null, request());
        now.addAndGet(Duration.ofHours(24).toNanos());
        answer.set(new TokenAnswer(200, "{\"access_token\":\"unstated\"}"));
        credentials.apply("acme", erp, "a", null, request());
        now.addAndGet(OAuthTokens.UNSTATED_LIFETIME.toNanos());
        credentials.apply("acme", erp, "a", null, request());
        assertThat(tokenRequests).hasSize(3);
    }

    @Test
    void aTokenThatExpiresWithinTheMarginIsNotKept() {
        configureClient("mandate.credentials.acme.erp", "client-1", "secret-1");
        answer.set(new TokenAnswer(200, "{\"access_token\":\"brief\",\"expires_in\":10}"));
        credentials.apply("acme", oauth("erp", List.of(), false), "a", null, request());
        credentials.apply("acme", oauth("erp", List.of(), false), "a", null, request());
        assertThat(tokenRequests).hasSize(2);
    }

    @Test
    void anUnreachableTokenEndpointIsUnavailable() {
        configureClient("mandate.credentials.acme.erp", "client-1", "secret-1");
        tokenEndpoint.stop(0);
        assertThatThrownBy(() -> credentials.apply("acme", oauth("erp", List.of(), false), "a", null, request()))
                .isInstanceOf(CredentialUnavailableException.class)
                .hasMessageContaining("could not be reached");
    }
}
