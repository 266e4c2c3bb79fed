package dev.mandate.it.execution;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OAuth 2.0 token endpoint for the client credentials grant (RFC 6749, section 4.4), clients
 * authenticated with HTTP Basic. It issues opaque bearer tokens that {@link StubTool#requireTokenFrom}
 * accepts until they expire, and records the scopes every request asked for.
 */
public final class StubTokenEndpoint {

    /** What the endpoint answers: a status and a JSON object. */
    record Answer(int status, Map<String, Object> body) {}

    private record Issued(Instant expiresAt, List<String> scopes) {}

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final List<List<String>> scopesAsked = new CopyOnWriteArrayList<>();
    private int expiresInSeconds = 3600;
    private int failures;
    private int failureStatus;

    StubTokenEndpoint() {}

    /** Registers a client that may ask for tokens. */
    public StubTokenEndpoint client(String clientId, String secret) {
        secrets.put(clientId, secret);
        return this;
    }

    /** Lifetime of the tokens issued from now on (0: expired at once). */
    public synchronized StubTokenEndpoint expiresIn(int seconds) {
        this.expiresInSeconds = seconds;
        return this;
    }

    /** The next {@code count} token requests answer {@code status} (an OAuth error body), nothing issued. */
    public synchronized StubTokenEndpoint failNext(int count, int status) {
        this.failures = count;
        this.failureStatus = status;
        return this;
    }

    /** The scopes of every token request, in order (an empty list for a request without scope). */
    public List<List<String>> scopesAsked() {
        return List.copyOf(scopesAsked);
    }

    public int tokensIssued() {
        return issued.size();
    }

    /** Whether an {@code Authorization} header value carries a token issued here that has not expired. */
    public boolean isValid(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        Issued token = issued.get(authorization.substring("Bearer ".length()));
        return token != null && Instant.now().isBefore(token.expiresAt());
    }

    /** The scopes granted with a token issued here; null for a token not issued here. */
    public List<String> scopesOf(String accessToken) {
        Issued token = issued.get(accessToken);
        return token == null ? null : token.scopes();
    }

    Answer handle(RecordedRequest request) {
        if (!"POST".equals(request.method())) {
            return error(405, "invalid_request");
        }
        int failure = takeFailure();
        if (failure != 0) {
            return error(failure, failure >= 500 ? "temporarily_unavailable" : "invalid_request");
        }
        if (!authenticated(request.header("Authorization"))) {
            return error(401, "invalid_client");
        }
        Map<String, String> form = form(request.body());
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type");
        }
        String scope = form.getOrDefault("scope", "").trim();
        List<String> scopes = scope.isEmpty() ? List.of() : List.of(scope.split(" +"));
        scopesAsked.add(scopes);
        int lifetime = lifetime();
        String token = "stub-" + UUID.randomUUID();
        issued.put(token, new Issued(Instant.now().plusSeconds(lifetime), scopes));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("expires_in", lifetime);
        if (!scopes.isEmpty()) {
            body.put("scope", String.join(" ", scopes));
        }
        return new Answer(200, body);
    }

    private synchronized int takeFailure() {
        if (failures <= 0) {
            return 0;
        }
        failures--;
        return failureStatus;
    }

    private synchronized int lifetime() {
        return expiresInSeconds;
    }

    private boolean authenticated(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring("Basic ".length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String secret = secrets.get(decode(decoded.substring(0, colon)));
        return secret != null && secret.equals(decode(decoded.substring(colon + 1)));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.isEmpty() ? new String[0] : body.split("&")) {
            String[] parts = Arrays.copyOf(pair.split("=", 2), 2);
            form.putIfAbsent(decode(parts[0]), parts[1] == null ? "" : decode(parts[1]));
        }
        return form;
    }

    /** Client id and secret are form-encoded before Basic (RFC 6749, section 2.3.1). */
    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static Answer error(int status, String error) {
        return new Answer(status, new LinkedHashMap<>(Map.of("error", error)));
    }
}
