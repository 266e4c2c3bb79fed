package dev.mandate.catalog.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.catalog.entity.ConnectorDefinition;
import dev.mandate.catalog.entity.ConnectorJson;
import dev.mandate.catalog.entity.CredentialReference;
import dev.mandate.catalog.entity.CredentialReference.CredentialKind;
import dev.mandate.catalog.entity.RiskClass;
import dev.mandate.platform.error.Violation;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a connector must be, and its defaults. Every broken rule is a violation at its field, named as in
 * the API ({@code body} for the body template).
 */
public final class ConnectorRules {

    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    public static final int DEFAULT_TIMEOUT_MILLIS = 10_000;
    public static final int DEFAULT_ATTEMPTS = 1;
    public static final int DEFAULT_ATTEMPTS_RETRY_SAFE = 3;
    public static final int DEFAULT_SYNC_WAIT_MILLIS = 2_000;
    public static final int DEFAULT_MAX_RESULT_BYTES = 1 << 20;
    public static final int DEFAULT_CACHE_TTL_SECONDS = 0;
    public static final BigDecimal DEFAULT_PRICE_PER_CALL = BigDecimal.ZERO;
    public static final int DEFAULT_MAX_CONCURRENT = 16;
    public static final String DEFAULT_RESULT_POINTER = "";

    static final int MAX_TIMEOUT_MILLIS = 120_000;
    static final int MAX_ATTEMPTS = 10;
    static final int MAX_SYNC_WAIT_MILLIS = 30_000;
    static final int MAX_RESULT_BYTES = 10 << 20;
    static final int MAX_CACHE_TTL_SECONDS = 86_400;
    static final int MAX_CONCURRENT = 256;
    static final BigDecimal MAX_PRICE_PER_CALL = new BigDecimal("1000000");
    static final int PRICE_DECIMALS = 6;

    static final int MAX_URL_CHARS = 2_000;
    static final int MAX_HEADERS = 50;
    static final int MAX_HEADER_NAME_CHARS = 100;
    static final int MAX_HEADER_VALUE_CHARS = 2_000;
    static final int MAX_POINTER_CHARS = 1_000;
    static final int MAX_BODY_DEPTH = 32;
    static final int MAX_SCOPES = 20;
    static final int MAX_SCOPE_CHARS = 200;

    /** The connector_json column. */
    public static final int MAX_CONNECTOR_CHARS = 20_000;

    public static final Pattern CREDENTIAL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** RFC 6749 scope-token: printable ASCII but space, '"' and '\'. */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    /**
     * Headers a request carries only as Mandate sets them: credentials (from {@code credential}), the
     * idempotency key (Mandate's), and what the HTTP client computes itself.
     */
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "host",
            "content-length",
            "idempotency-key",
            "connection",
            "expect",
            "upgrade",
            "transfer-encoding",
            "te",
            "trailer");

    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    private ConnectorRules() {}

    /** An HTTP token (RFC 9110), as a header name must be. */
    public static boolean isHeaderName(String name) {
        return name != null
                && name.length() <= MAX_HEADER_NAME_CHARS
                && TOKEN.matcher(name).matches();
    }

    /** No header but these may carry a credential: the others are Mandate's or the HTTP client's. */
    public static boolean mayCarryCredential(String header) {
        return isHeaderName(header) && !RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT));
    }

    /** A header value the HTTP client can send as it is: no control character but the tab. */
    public static boolean isHeaderValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** Every rule the connector of an action of this risk class breaks, each at {@code field.<member>}. */
    public static List<Violation> check(String field, RiskClass riskClass, ConnectorDefinition connector) {
        List<Violation> violations = new ArrayList<>();
        Checks checks = new Checks(field, violations);
        checks.method("method", connector.method());
        checks.url("url", connector.url(), true);
        checks.headers(connector.headers());
        checks.body(connector.bodyTemplate(), connector.method());
        if (connector.credential() != null) {
            checks.credential(connector.credential());
        }
        checks.pointer("resultPointer", connector.resultPointer());
        checks.range("maxResultBytes", connector.maxResultBytes(), 1, MAX_RESULT_BYTES);
        checks.range("timeoutMillis", connector.timeoutMillis(), 1, MAX_TIMEOUT_MILLIS);
        checks.range("maxAttempts", connector.maxAttempts(), 1, MAX_ATTEMPTS);
        if (connector.statusProbe() != null) {
            checks.method("statusProbe.method", connector.statusProbe().method());
            checks.url("statusProbe.url", connector.statusProbe().url(), true);
        }
        checks.range("syncWaitMillis", connector.syncWaitMillis(), 0, MAX_SYNC_WAIT_MILLIS);
        checks.range("cacheTtlSeconds", connector.cacheTtlSeconds(), 0, MAX_CACHE_TTL_SECONDS);
        if (connector.cacheTtlSeconds() > 0 && riskClass != null && !riskClass.isReadOnly()) {
            checks.add(
                    "cacheTtlSeconds", "must be 0 for a " + riskClass + " action (only READ results are served again)");
        }
        checks.price(connector.pricePerCall());
        checks.range("maxConcurrent", connector.maxConcurrent(), 1, MAX_CONCURRENT);
        if (violations.isEmpty() && ConnectorJson.text(connector).length() > MAX_CONNECTOR_CHARS) {
            violations.add(new Violation(field, "must be at most " + MAX_CONNECTOR_CHARS + " characters as JSON"));
        }
        return violations;
    }

    private record Checks(String prefix, List<Violation> violations) {

        void add(String member, String message) {
            violations.add(new Violation(prefix + "." + member, message));
        }

        void method(String member, String method) {
            if (method == null) {
                add(member, "is required");
            } else if (!METHODS.contains(method)) {
                add(member, "must be one of GET, POST, PUT, PATCH, DELETE");
            }
        }

        void url(String member, String url, boolean templated) {
            if (url == null || url.isBlank()) {
                add(member, "is required");
                return;
            }
            if (url.length() > MAX_URL_CHARS) {
                add(member, "must be at most " + MAX_URL_CHARS + " characters");
                return;
            }
            var placeholders = ConnectorTemplates.problem(url);
            if (placeholders.isPresent()) {
                add(member, placeholders.get());
                return;
            }
            int scheme = url.indexOf("://");
            if (scheme < 0) {
                add(member, "must be an absolute http or https URL");
                return;
            }
            int authorityEnd = firstOf(url, scheme + 3, "/?#");
            if (url.substring(0, authorityEnd).indexOf('{') >= 0) {
                add(member, "may hold placeholders only in its path and query: its scheme, host and port are fixed");
                return;
            }
            if (!templated && url.indexOf('{') >= 0) {
                add(member, "must not hold placeholders");
                return;
            }
            URI uri;
            try {
                uri = new URI(ConnectorTemplates.withSamples(url, "x"));
            } catch (URISyntaxException e) {
                add(member, "is not a valid URL (" + e.getReason() + ")");
                return;
            }
            String protocol = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!protocol.equals("http") && !protocol.equals("https")) {
                add(member, "must be an http or https URL");
            } else if (uri.getHost() == null) {
                add(member, "must name a host");
            } else if (uri.getRawUserInfo() != null) {
                add(member, "must not carry user information: credentials come from 'credential'");
            } else if (uri.getRawFragment() != null) {
                add(member, "must not have a fragment");
            }
        }

        void headers(Map<String, String> headers) {
            if (headers == null) {
                add("headers", "is required (empty for none)");
                return;
            }
            if (headers.size() > MAX_HEADERS) {
                add("headers", "must hold at most " + MAX_HEADERS + " headers");
                return;
            }
            Set<String> seen = new HashSet<>();
            headers.forEach((name, value) -> {
                String member = "headers." + name;
                String lower = name.toLowerCase(Locale.ROOT);
                if (!isHeaderName(name)) {
                    add(
                            member,
                            "is not a header name (an HTTP token of at most " + MAX_HEADER_NAME_CHARS + " characters)");
                } else if (CREDENTIAL_HEADERS.contains(lower)) {
                    add(member, "must not be set here: secrets come from 'credential', never from static headers");
                } else if (RESERVED_HEADERS.contains(lower)) {
                    add(member, "must not be set here: Mandate or its HTTP client sets it");
                } else if (!seen.add(lower)) {
                    add(member, "is set twice (header names are case-insensitive)");
                } else if (value == null) {
                    add(member, "must be a string");
                } else if (value.length() > MAX_HEADER_VALUE_CHARS) {
                    add(member, "must be at most " + MAX_HEADER_VALUE_CHARS + " characters");
                } else if (!isHeaderValue(value)) {
                    add(member, "must not contain CR, LF or other control characters");
                } else {
                    ConnectorTemplates.problem(value).ifPresent(problem -> add(member, problem));
                }
            });
        }

        void body(String bodyTemplate, String method) {
            if (bodyTemplate == null) {
                return;
            }
            if ("GET".equals(method)) {
                add("body", "must be absent: a GET request carries no body");
                return;
            }
            JsonValue body;
            try (var reader = JSON.createReader(new StringReader(bodyTemplate))) {
                body = reader.readValue();
            } catch (JsonException | IllegalStateException e) {
                add("body", "must be a JSON value");
                return;
            }
            try {
                bodyValue("body", body, 0);
            } catch (TooDeep reported) {
                // the violation is in the list; the rest of the body is not looked at
            }
        }

        private void bodyValue(String member, JsonValue value, int depth) {
            if (depth > MAX_BODY_DEPTH) {
                add("body", "must not be nested deeper than " + MAX_BODY_DEPTH);
                throw new TooDeep();
            }
            if (value instanceof JsonString text) {
                ConnectorTemplates.problem(text.getString()).ifPresent(problem -> add(member, problem));
            } else if (value instanceof JsonObject object) {
                object.forEach((key, child) -> bodyValue(member + "." + key, child, depth + 1));
            } else if (value instanceof JsonArray array) {
                for (int i = 0; i < array.size(); i++) {
                    bodyValue(member + "[" + i + "]", array.get(i), depth + 1);
                }
            }
        }

        void credential(CredentialReference credential) {
            if (credential.name() == null) {
                add("credential.name", "is required");
            } else if (!CREDENTIAL_NAME.matcher(credential.name()).matches()) {
                add(
                        "credential.name",
                        "must be a credential name (letters, digits, _ . -; at most 100; first a letter or digit)");
            }
            CredentialKind kind = credential.kind();
            if (kind == null) {
                add("credential.kind", "is required");
                return;
            }
            if (kind == CredentialKind.API_KEY) {
                if (credential.header() == null) {
                    add("credential.header", "is required for an API_KEY (the header that carries the key)");
                } else if (!mayCarryCredential(credential.header())) {
                    add(
                            "credential.header",
                            "must be a header name other than Host, Content-Length, Idempotency-Key and the hop-by-hop headers");
                }
            } else if (credential.header() != null) {
                add("credential.header", "is only for an API_KEY");
            }
            if (kind == CredentialKind.OAUTH2_CLIENT_CREDENTIALS) {
                if (credential.tokenUrl() == null) {
                    add("credential.tokenUrl", "is required for OAUTH2_CLIENT_CREDENTIALS");
                } else {
                    url("credential.tokenUrl", credential.tokenUrl(), false);
                }
                scopes(credential.scopes());
            } else {
                if (credential.tokenUrl() != null) {
                    add("credential.tokenUrl", "is only for OAUTH2_CLIENT_CREDENTIALS");
                }
                if (credential.scopes() != null && !credential.scopes().isEmpty()) {
                    add("credential.scopes", "are only for OAUTH2_CLIENT_CREDENTIALS");
                }
            }
        }

        private void scopes(List<String> scopes) {
            if (scopes == null) {
                return;
            }
            if (scopes.size() > MAX_SCOPES) {
                add("credential.scopes", "must list at most " + MAX_SCOPES + " scopes");
                return;
            }
            for (int i = 0; i < scopes.size(); i++) {
                String scope = scopes.get(i);
                if (scope == null
                        || scope.length() > MAX_SCOPE_CHARS
                        || !SCOPE.matcher(scope).matches()) {
                    add(
                            "credential.scopes[" + i + "]",
                            "must be an OAuth scope (1 to " + MAX_SCOPE_CHARS
                                    + " printable ASCII characters, no space, '\"' or '\\')");
                }
            }
        }

        void pointer(String member, String pointer) {
            if (pointer == null) {
                add(member, "is required (empty for the whole answer)");
            } else if (pointer.length() > MAX_POINTER_CHARS) {
                add(member, "must be at most " + MAX_POINTER_CHARS + " characters");
            } else if (!ConnectorTemplates.isPointer(pointer)) {
                add(member, "must be a JSON Pointer: empty, or /-separated, '~' written ~0 and '/' ~1");
            }
        }

        void range(String member, int value, int min, int max) {
            if (value < min || value > max) {
                add(member, "must be between " + min + " and " + max);
            }
        }

        void price(BigDecimal price) {
            if (price == null) {
                add("pricePerCall", "is required");
            } else if (price.signum() < 0) {
                add("pricePerCall", "must be 0 or more");
            } else if (price.compareTo(MAX_PRICE_PER_CALL) > 0) {
                add("pricePerCall", "must be at most " + MAX_PRICE_PER_CALL.toPlainString());
            } else if (price.stripTrailingZeros().scale() > PRICE_DECIMALS) {
                add("pricePerCall", "must have at most " + PRICE_DECIMALS + " decimal places");
            }
        }

        private static int firstOf(String text, int from, String characters) {
            for (int i = from; i < text.length(); i++) {
                if (characters.indexOf(text.charAt(i)) >= 0) {
                    return i;
                }
            }
            return text.length();
        }
    }

    /** Stops the walk of a body nested too deeply; its violation is already added. */
    private static final class TooDeep extends RuntimeException {
        TooDeep() {
            super(null, null, false, false);
        }
    }
}
