package dev.mandate.catalog.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.catalog.control.ConnectorFixtures.Builder;
import dev.mandate.catalog.entity.ConnectorDefinition.StatusProbe;
import dev.mandate.catalog.entity.CredentialReference;
import dev.mandate.catalog.entity.CredentialReference.CredentialKind;
import dev.mandate.catalog.entity.RiskClass;
import dev.mandate.platform.error.Violation;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectorRulesTest {

    private static final String AT = "actions[0].connector";

    @Test
    void theFixturesAreValid() {
        assertThat(ConnectorRules.check(AT, RiskClass.MONEY_MOVEMENT, ConnectorFixtures.full()))
                .isEmpty();
        assertThat(ConnectorRules.check(AT, RiskClass.WRITE, ConnectorFixtures.minimal()))
                .isEmpty();
    }

    @Test
    void aReadActionMayBeCachedAndHaveAnApiKeyInAuthorization() {
        Builder b = new Builder(ConnectorFixtures.minimal());
        b.cacheTtlSeconds = 86_400;
        b.credential = new CredentialReference("crm", CredentialKind.API_KEY, "Authorization", null, null, false);
        assertThat(ConnectorRules.check(AT, RiskClass.READ, b.build())).isEmpty();
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                broken("method", b -> b.method = null, "is required"),
                broken("method", b -> b.method = "get", "must be one of"),
                broken("method", b -> b.method = "HEAD", "must be one of"),
                broken("url", b -> b.url = null, "is required"),
                broken("url", b -> b.url = " ", "is required"),
                broken("url", b -> b.url = "ftp://files.example.com/x", "http or https"),
                broken("url", b -> b.url = "/relative/path", "absolute"),
                broken("url", b -> b.url = "https://user:pw@erp.example.com/", "user information"),
                broken("url", b -> b.url = "https://erp.example.com/#top", "fragment"),
                broken("url", b -> b.url = "https://{/host}/pay", "scheme, host and port are fixed"),
                broken("url", b -> b.url = "https://erp.example.com:{/port}/pay", "scheme, host and port are fixed"),
                broken("url", b -> b.url = "https://erp.example.com/{/a", "never closed"),
                broken("url", b -> b.url = "https://erp.example.com/{tenant}", "none of"),
                broken("url", b -> b.url = "https://erp.example.com/a b", "not a valid URL"),
                broken("url", b -> b.url = "https://erp.example.com/" + "a".repeat(2000), "at most 2000"),
                broken("headers", b -> b.headers = null, "is required"),
                broken("headers.Authorization", b -> b.headers = Map.of("Authorization", "Bearer x"), "secrets"),
                broken("headers.proxy-authorization", b -> b.headers = Map.of("proxy-authorization", "x"), "secrets"),
                broken("headers.Cookie", b -> b.headers = Map.of("Cookie", "s=1"), "secrets"),
                broken("headers.Idempotency-Key", b -> b.headers = Map.of("Idempotency-Key", "k"), "Mandate"),
                broken("headers.Host", b -> b.headers = Map.of("Host", "evil.example.com"), "Mandate"),
                broken("headers.Content-Length", b -> b.headers = Map.of("Content-Length", "1"), "Mandate"),
                broken("headers.X Bad", b -> b.headers = Map.of("X Bad", "1"), "header name"),
                broken("headers.X-A", b -> b.headers = Map.of("X-A", "a\r\nX-Injected: 1"), "control characters"),
                broken("headers.X-A", b -> b.headers = Map.of("X-A", "a\nb"), "control characters"),
                broken("headers.X-A", b -> b.headers = Map.of("X-A", "{/a"), "never closed"),
                broken("headers.X-A", b -> b.headers = Map.of("X-A", "x".repeat(2001)), "at most 2000"),
                broken("headers.x-a", b -> b.headers = ordered("X-A", "1", "x-a", "2"), "twice"),
                broken("headers", b -> b.headers = many(51), "at most 50"),
                broken("body", b -> b.method = "GET", "GET request carries no body"),
                broken("body.note", b -> b.body = "{\"note\":\"{not a placeholder}\"}", "none of"),
                broken("body", b -> b.body = "[".repeat(40) + "]".repeat(40), "deeper than 32"),
                broken("body", b -> b.body = "{", "JSON value"),
                broken("credential.name", b -> b.credential = cred("-x", CredentialKind.BASIC), "credential name"),
                broken("credential.name", b -> b.credential = cred("a/b", CredentialKind.BASIC), "credential name"),
                broken(
                        "credential.name",
                        b -> b.credential = cred("a".repeat(101), CredentialKind.BASIC),
                        "credential name"),
                broken("credential.name", b -> b.credential = cred(null, CredentialKind.BASIC), "is required"),
                broken("credential.kind", b -> b.credential = cred("x", null), "is required"),
                broken(
                        "credential.header",
                        b -> b.credential = cred("x", CredentialKind.API_KEY),
                        "is required for an API_KEY"),
                broken(
                        "credential.header",
                        b -> b.credential =
                                new CredentialReference("x", CredentialKind.API_KEY, "Host", null, null, false),
                        "header name other than"),
                broken(
                        "credential.header",
                        b -> b.credential =
                                new CredentialReference("x", CredentialKind.BASIC, "X-Key", null, null, false),
                        "only for an API_KEY"),
                broken(
                        "credential.tokenUrl",
                        b -> b.credential = cred("x", CredentialKind.OAUTH2_CLIENT_CREDENTIALS),
                        "is required for OAUTH2"),
                broken(
                        "credential.tokenUrl",
                        b -> b.credential = oauth("file:///etc/passwd", List.of()),
                        "http or https"),
                broken(
                        "credential.tokenUrl",
                        b -> b.credential = oauth("https://a.example.com/{/x}", List.of()),
                        "placeholders"),
                broken(
                        "credential.scopes",
                        b -> b.credential = oauth(
                                "https://a.example.com/t",
                                IntStream.range(0, 21).mapToObj(i -> "s" + i).toList()),
                        "at most 20"),
                broken(
                        "credential.scopes[0]",
                        b -> b.credential = oauth("https://a.example.com/t", List.of("a b")),
                        "OAuth scope"),
                broken(
                        "credential.scopes[0]",
                        b -> b.credential = oauth("https://a.example.com/t", List.of("")),
                        "OAuth scope"),
                broken(
                        "credential.tokenUrl",
                        b -> b.credential = new CredentialReference(
                                "x", CredentialKind.BASIC, null, "https://a.example.com/t", null, false),
                        "only for OAUTH2"),
                broken("resultPointer", b -> b.resultPointer = "result", "JSON Pointer"),
                broken("resultPointer", b -> b.resultPointer = null, "is required"),
                broken("maxResultBytes", b -> b.maxResultBytes = 0, "between 1 and 10485760"),
                broken("maxResultBytes", b -> b.maxResultBytes = (10 << 20) + 1, "between 1 and 10485760"),
                broken("timeoutMillis", b -> b.timeoutMillis = 0, "between 1 and 120000"),
                broken("timeoutMillis", b -> b.timeoutMillis = 120_001, "between 1 and 120000"),
                broken("timeoutMillis", b -> b.timeoutMillis = Integer.MAX_VALUE, "between 1 and 120000"),
                broken("maxAttempts", b -> b.maxAttempts = 0, "between 1 and 10"),
                broken("maxAttempts", b -> b.maxAttempts = 11, "between 1 and 10"),
                broken(
                        "statusProbe.method",
                        b -> b.statusProbe = new StatusProbe("HEAD", "https://a.example.com/"),
                        "must be one of"),
                broken("statusProbe.url", b -> b.statusProbe = new StatusProbe("GET", null), "is required"),
                broken("statusProbe.url", b -> b.statusProbe = new StatusProbe("GET", "https://{/h}/"), "fixed"),
                broken("syncWaitMillis", b -> b.syncWaitMillis = -1, "between 0 and 30000"),
                broken("syncWaitMillis", b -> b.syncWaitMillis = 30_001, "between 0 and 30000"),
                broken("cacheTtlSeconds", b -> b.cacheTtlSeconds = 60, "only READ"),
                broken("cacheTtlSeconds", b -> b.cacheTtlSeconds = -1, "between 0 and 86400"),
                broken("pricePerCall", b -> b.pricePerCall = null, "is required"),
                broken("pricePerCall", b -> b.pricePerCall = new BigDecimal("-0.01"), "0 or more"),
                broken("pricePerCall", b -> b.pricePerCall = new BigDecimal("1000000.01"), "at most 1000000"),
                broken("pricePerCall", b -> b.pricePerCall = new BigDecimal("1e300"), "at most 1000000"),
                broken("pricePerCall", b -> b.pricePerCall = new BigDecimal("0.0000001"), "6 decimal places"),
                broken("maxConcurrent", b -> b.maxConcurrent = 0, "between 1 and 256"),
                broken("maxConcurrent", b -> b.maxConcurrent = 257, "between 1 and 256"),
                broken("", b -> b.body = "\"" + "x".repeat(20_000) + "\"", "at most 20000 characters as JSON"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("broken")
    void everyBrokenRuleIsAViolationAtItsField(String field, Consumer<Builder> change, String message) {
        Builder b = new Builder(ConnectorFixtures.full());
        change.accept(b);
        List<Violation> violations = ConnectorRules.check(AT, RiskClass.WRITE, b.build());
        String expected = field.isEmpty() ? AT : AT + "." + field;
        assertThat(violations).anySatisfy(v -> {
            assertThat(v.field()).isEqualTo(expected);
            assertThat(v.message()).contains(message);
        });
    }

    @Test
    void aPriceOfTrailingZerosIsNoMoreDecimalPlaces() {
        Builder b = new Builder(ConnectorFixtures.full());
        b.pricePerCall = new BigDecimal("0.1250000000");
        assertThat(ConnectorRules.check(AT, RiskClass.WRITE, b.build())).isEmpty();
    }

    private static Arguments broken(String field, Consumer<Builder> change, String message) {
        return Arguments.of(field, change, message);
    }

    private static CredentialReference cred(String name, CredentialKind kind) {
        return new CredentialReference(name, kind, null, null, null, false);
    }

    private static CredentialReference oauth(String tokenUrl, List<String> scopes) {
        return new CredentialReference("x", CredentialKind.OAUTH2_CLIENT_CREDENTIALS, null, tokenUrl, scopes, false);
    }

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(headers);
    }

    private static Map<String, String> many(int count) {
        Map<String, String> headers = new LinkedHashMap<>();
        IntStream.range(0, count).forEach(i -> headers.put("X-H" + i, "v"));
        return headers;
    }
}
