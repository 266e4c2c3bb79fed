package dev.mandate.connector.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.mandate.catalog.control.ConnectorRules;
import dev.mandate.platform.cache.Caches;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Access tokens of the OAuth 2.0 client credentials grant (RFC 6749 §4.4), fetched from the token
 * endpoint with the client's id and secret (HTTP Basic) and kept until {@code expires_in} minus a
 * margin. Concurrent first uses of one key may each fetch a token; the last one is kept.
 */
final class OAuthTokens {

    static final Duration MARGIN = Duration.ofSeconds(30);

    /** A token endpoint that does not say how long its token lives: kept this long (a 401 drops it sooner). */
    static final Duration UNSTATED_LIFETIME = Duration.ofMinutes(5);

    static final Duration LONGEST_KEPT = Duration.ofHours(24);
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    static final int MAX_TOKENS = 10_000;

    /** RFC 6749 §5.2 error codes are short ASCII words; anything else in the answer is not repeated. */
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** Whose token it is: a token is never shared across tenants, credentials, clients, scopes or persons. */
    record Key(
            String tenant, String credential, String tokenUrl, String clientId, List<String> scopes, String person) {}

    private record Token(String value, Duration lifetime) {}

    private final HttpClient http;
    private final Cache<Key, Token> tokens;

    OAuthTokens(HttpClient http, Ticker ticker) {
        this.http = http;
        this.tokens = Caches.named("connector.oauth-tokens")
                .maximumSize(MAX_TOKENS)
                .ticker(ticker)
                .expireAfter(Expiry.<Key, Token>creating((key, token) -> token.lifetime()))
                .build();
    }

    /** The key's current token, fetched when there is none; every token fetched goes to {@code fetched}. */
    String token(Key key, String clientSecret, Consumer<String> fetched) {
        Token token = tokens.getIfPresent(key);
        if (token == null) {
            token = fetch(key, clientSecret);
            fetched.accept(token.value());
            if (!token.lifetime().isZero()) {
                tokens.put(key, token);
            }
        }
        return token.value();
    }

    void invalidate(Key key) {
        tokens.invalidate(key);
    }

    /** The basic-auth form of a client's id and secret, as the token request carries it. */
    static String basic(String clientId, String clientSecret) {
        String pair = form(clientId) + ":" + form(clientSecret);
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private Token fetch(Key key, String clientSecret) {
        String body = "grant_type=client_credentials"
                + (key.scopes().isEmpty() ? "" : "&scope=" + form(String.join(" ", key.scopes())));
        HttpRequest request = HttpRequest.newBuilder(URI.create(key.tokenUrl()))
                .timeout(TIMEOUT)
                .header("Authorization", "Basic " + basic(key.clientId(), clientSecret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<InputStream> response;
        byte[] answer;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_ANSWER_BYTES + 1);
            }
        } catch (HttpTimeoutException e) {
            throw unavailable(key, "its token endpoint did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw unavailable(key, "its token endpoint could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(key, "the token request was interrupted");
        }
        if (answer.length > MAX_ANSWER_BYTES) {
            throw unavailable(key, "its token endpoint answered more than " + MAX_ANSWER_BYTES + " bytes");
        }
        JsonObject json = json(answer);
        if (response.statusCode() / 100 != 2) {
            throw unavailable(key, "its token endpoint answered " + response.statusCode() + errorCode(json));
        }
        return token(key, json);
    }

    private static Token token(Key key, JsonObject json) {
        JsonValue accessToken = json == null ? null : json.get("access_token");
        if (!(accessToken instanceof JsonString text)
                || text.getString().isEmpty()
                || !ConnectorRules.isHeaderValue(text.getString())) {
            throw unavailable(key, "its token endpoint answered no usable access_token");
        }
        JsonValue type = json.get("token_type");
        if (type instanceof JsonString t && !t.getString().equalsIgnoreCase("Bearer")) {
            throw unavailable(key, "its token endpoint answered a token that is not a Bearer token");
        }
        Duration lifetime = UNSTATED_LIFETIME;
        if (json.get("expires_in") instanceof JsonNumber seconds) {
            lifetime = Duration.ofSeconds(seconds(seconds.bigDecimalValue())).minus(MARGIN);
        }
        return new Token(text.getString(), lifetime.isNegative() ? Duration.ZERO : lifetime);
    }

    /** Compared before converted: 1e999999999 as a long would take the age of the universe. */
    private static long seconds(BigDecimal expiresIn) {
        if (expiresIn.compareTo(BigDecimal.valueOf(LONGEST_KEPT.toSeconds())) > 0) {
            return LONGEST_KEPT.toSeconds();
        }
        return expiresIn.compareTo(BigDecimal.ONE) < 0 ? 0 : expiresIn.longValue();
    }

    private static JsonObject json(byte[] answer) {
        try (var reader = JSON.createReader(new ByteArrayInputStream(answer))) {
            return reader.readValue() instanceof JsonObject object ? object : null;
        } catch (JsonException | IllegalStateException | ArithmeticException e) {
            return null;
        }
    }

    private static String errorCode(JsonObject json) {
        if (json != null
                && json.get("error") instanceof JsonString error
                && ERROR_CODE.matcher(error.getString()).matches()) {
            return " (" + error.getString() + ")";
        }
        return "";
    }

    private static CredentialUnavailableException unavailable(Key key, String problem) {
        return new CredentialUnavailableException(key.tenant(), key.credential(), problem);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
