package dev.mandate.it.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.Database;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Connectors on tool actions through the API: stored and answered with their defaults, every rule a
 * precise 4xx that writes nothing, and a credential configured on the server (a canary password alias
 * and system property) never in an answer, the audit or its export.
 */
class ConnectorsIT extends MandateIT {

    private final String tenant = newTenant();
    private final String admin = Tokens.admin(tenant);

    private static String tool(String key, String riskClass, String connector) {
        return "{\"key\":\"" + key + "\",\"name\":\"ERP\",\"actions\":[{\"key\":\"pay\",\"riskClass\":\"" + riskClass
                + "\",\"argumentSchema\":{\"type\":\"object\"},\"connector\":" + connector + "}]}";
    }

    private static String newKey() {
        return "erp-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aConnectorIsStoredAndAnsweredWithItsDefaultsThenReplaced() {
        String key = newKey();
        Response created = as(admin).body(tool(key, "WRITE", """
                {"method":"POST","url":"https://erp.example.com/pay/{/invoice}"}""")).post("/api/v1/tools");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);

        Map<String, Object> connector = connector(key);
        assertThat(connector)
                .containsEntry("method", "POST")
                .containsEntry("url", "https://erp.example.com/pay/{/invoice}")
                .containsEntry("headers", Map.of())
                .containsEntry("resultPointer", "")
                .containsEntry("maxResultBytes", 1_048_576)
                .containsEntry("timeoutMillis", 10_000)
                .containsEntry("retrySafe", false)
                .containsEntry("maxAttempts", 1)
                .containsEntry("syncWaitMillis", 2_000)
                .containsEntry("cacheTtlSeconds", 0)
                .containsEntry("pricePerCall", 0)
                .containsEntry("maxConcurrent", 16)
                .doesNotContainKeys("body", "credential", "statusProbe");

        String full = """
                {"method":"PATCH","url":"https://erp.example.com/invoices/{/invoice}?ref={idempotencyKey}",
                 "headers":{"Accept":"application/json","X-Envelope":"{envelopeId}"},
                 "body":{"status":"paid","amount":"{/amount}","lines":[1,2,{"x":null}]},
                 "credential":{"name":"erp.client","kind":"OAUTH2_CLIENT_CREDENTIALS",
                               "tokenUrl":"https://login.example.com/oauth2/token","scopes":["invoices.pay"],"perPerson":true},
                 "resultPointer":"/payment","maxResultBytes":4096,"timeoutMillis":30000,"retrySafe":true,
                 "statusProbe":{"method":"GET","url":"https://erp.example.com/payments/{idempotencyKey}"},
                 "syncWaitMillis":0,"cacheTtlSeconds":0,"pricePerCall":0.0025,"maxConcurrent":4}""";
        Response replaced = as(admin)
                .header("If-Match", created.header("ETag"))
                .body(tool(key, "MONEY_MOVEMENT", full))
                .put("/api/v1/tools/" + key);
        assertThat(replaced.statusCode()).as(replaced.asString()).isEqualTo(200);

        Map<String, Object> answered = connector(key);
        Map<String, Object> sent = JsonPath.from(full).getMap("");
        assertThat(answered).containsAllEntriesOf(sent).containsEntry("maxAttempts", 3);
        assertThat(answered.keySet()).hasSize(sent.size() + 1);

        // the list answers the same; a replacement without the connector removes it
        assertThat(as(admin)
                        .get("/api/v1/tools")
                        .jsonPath()
                        .getMap("find { it.key == '" + key + "' }.actions[0].connector"))
                .isEqualTo(answered);
        Response removed = as(admin)
                .header("If-Match", replaced.header("ETag"))
                .body(tool(key, "MONEY_MOVEMENT", "null"))
                .put("/api/v1/tools/" + key);
        assertThat(removed.statusCode()).as(removed.asString()).isEqualTo(200);
        assertThat(as(admin).get("/api/v1/tools/" + key).jsonPath().getMap("actions[0]"))
                .doesNotContainKey("connector");
    }

    private Map<String, Object> connector(String key) {
        Response answer = as(admin).get("/api/v1/tools/" + key);
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        return answer.jsonPath().getMap("actions[0].connector");
    }

    record Broken(String riskClass, String connector, String field) {}

    private static final String OK = "\"method\":\"POST\",\"url\":\"https://erp.example.com/pay\"";

    private static Broken broken(String members, String field) {
        return new Broken("WRITE", "{" + members + "}", "actions[0].connector." + field);
    }

    @Test
    void everyRuleIsAPreciseViolationAndNothingIsWritten() {
        List<Broken> table = List.of(
                broken("\"url\":\"https://erp.example.com/\"", "method"),
                broken("\"method\":\"TRACE\",\"url\":\"https://erp.example.com/\"", "method"),
                broken("\"method\":\"POST\"", "url"),
                broken("\"method\":\"POST\",\"url\":\"ftp://erp.example.com/\"", "url"),
                broken("\"method\":\"POST\",\"url\":\"erp.example.com/pay\"", "url"),
                broken("\"method\":\"POST\",\"url\":\"https://u:p@erp.example.com/\"", "url"),
                broken("\"method\":\"POST\",\"url\":\"https://{/host}/pay\"", "url"),
                broken("\"method\":\"POST\",\"url\":\"https://erp.example.com/{tenant}\"", "url"),
                broken("\"method\":\"POST\",\"url\":\"https://erp.example.com/{/a\"", "url"),
                broken(OK + ",\"headers\":{\"Authorization\":\"Bearer x\"}", "headers.Authorization"),
                broken(OK + ",\"headers\":{\"Proxy-Authorization\":\"x\"}", "headers.Proxy-Authorization"),
                broken(OK + ",\"headers\":{\"cookie\":\"s=1\"}", "headers.cookie"),
                broken(OK + ",\"headers\":{\"Idempotency-Key\":\"k\"}", "headers.Idempotency-Key"),
                broken(OK + ",\"headers\":{\"Host\":\"evil.example.com\"}", "headers.Host"),
                broken(OK + ",\"headers\":{\"Content-Length\":\"1\"}", "headers.Content-Length"),
                broken(OK + ",\"headers\":{\"Bad Name\":\"1\"}", "headers.Bad Name"),
                broken(OK + ",\"headers\":{\"X-A\":\"a\\r\\nX-B: 1\"}", "headers.X-A"),
                broken(OK + ",\"headers\":{\"X-A\":5}", "headers.X-A"),
                broken(OK + ",\"headers\":[\"X-A\"]", "headers"),
                broken("\"method\":\"GET\",\"url\":\"https://erp.example.com/\",\"body\":{}", "body"),
                broken(OK + ",\"body\":{\"a\":\"{nope}\"}", "body.a"),
                broken(OK + ",\"credential\":{\"name\":\"../x\",\"kind\":\"BASIC\"}", "credential.name"),
                broken(OK + ",\"credential\":{\"name\":\"x\"}", "credential.kind"),
                broken(OK + ",\"credential\":{\"name\":\"x\",\"kind\":\"PASSWORD\"}", "credential.kind"),
                broken(OK + ",\"credential\":{\"name\":\"x\",\"kind\":\"API_KEY\"}", "credential.header"),
                broken(
                        OK + ",\"credential\":{\"name\":\"x\",\"kind\":\"OAUTH2_CLIENT_CREDENTIALS\"}",
                        "credential.tokenUrl"),
                broken(
                        OK
                                + ",\"credential\":{\"name\":\"x\",\"kind\":\"OAUTH2_CLIENT_CREDENTIALS\",\"tokenUrl\":\"https://l.example.com/t\",\"scopes\":[\"a b\"]}",
                        "credential.scopes[0]"),
                broken(
                        OK + ",\"credential\":{\"name\":\"x\",\"kind\":\"BASIC\",\"value\":\"s3cret\"}",
                        "credential.value"),
                broken(OK + ",\"resultPointer\":\"result\"", "resultPointer"),
                broken(OK + ",\"maxResultBytes\":0", "maxResultBytes"),
                broken(OK + ",\"maxResultBytes\":10485761", "maxResultBytes"),
                broken(OK + ",\"timeoutMillis\":120001", "timeoutMillis"),
                broken(OK + ",\"timeoutMillis\":9007199254740991", "timeoutMillis"),
                broken(OK + ",\"timeoutMillis\":1.5", "timeoutMillis"),
                broken(OK + ",\"maxAttempts\":11", "maxAttempts"),
                broken(OK + ",\"statusProbe\":{\"method\":\"GET\"}", "statusProbe.url"),
                broken(OK + ",\"syncWaitMillis\":30001", "syncWaitMillis"),
                broken(OK + ",\"cacheTtlSeconds\":60", "cacheTtlSeconds"),
                broken(OK + ",\"pricePerCall\":-1", "pricePerCall"),
                broken(OK + ",\"pricePerCall\":0.0000001", "pricePerCall"),
                broken(OK + ",\"pricePerCall\":1000001", "pricePerCall"),
                broken(OK + ",\"maxConcurrent\":257", "maxConcurrent"),
                broken(OK + ",\"retrySafe\":\"yes\"", "retrySafe"),
                broken(OK + ",\"apiKey\":\"s3cret\"", "apiKey"),
                new Broken("READ", "{" + OK + ",\"cacheTtlSeconds\":86401}", "actions[0].connector.cacheTtlSeconds"));
        long before = Database.rows("tool", tenant);
        List<String> misses = new ArrayList<>();
        for (Broken b : table) {
            Response answer =
                    as(admin).body(tool(newKey(), b.riskClass(), b.connector())).post("/api/v1/tools");
            boolean precise = answer.statusCode() == 400
                    && answer.contentType().startsWith("application/problem+json")
                    && answer.jsonPath().getList("violations.field").contains(b.field());
            if (!precise) {
                misses.add(b + " -> " + answer.statusCode() + " " + answer.asString());
            }
        }
        assertThat(misses).isEmpty();
        assertThat(Database.rows("tool", tenant)).isEqualTo(before);
    }

    @Test
    void hostileConnectorsAre4xxNever500() {
        List<String> hostile = List.of(
                "{" + OK + ",\"timeoutMillis\":1e999999999}",
                "{" + OK + ",\"pricePerCall\":1e-999999999}",
                "{" + OK + ",\"maxConcurrent\":18446744073709551916}",
                "{" + OK + ",\"headers\":{\"X-A\":\"a\\u0000b\"}}",
                "{" + OK + ",\"headers\":{\"X-A\":\"\\ud800\"}}",
                "{" + OK + ",\"body\":" + "[".repeat(900) + "]".repeat(900) + "}",
                "{" + OK + ",\"body\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
                "{" + OK + ",\"body\":\"" + "x".repeat(30_000) + "\"}",
                "{" + OK + ",\"credential\":{\"name\":\"\\u0000\",\"kind\":\"BASIC\"}}",
                "{\"method\":\"POST\",\"url\":\"https://erp.example.com/\\u2028{/a}\"}",
                "{\"method\":\"POST\",\"url\":\"" + "{/a}".repeat(600) + "\"}",
                "[]",
                "\"connector\"");
        for (String connector : hostile) {
            Response answer = as(admin).body(tool(newKey(), "WRITE", connector)).post("/api/v1/tools");
            assertThat(answer.statusCode())
                    .as(connector.substring(0, Math.min(120, connector.length())) + " -> " + answer.asString())
                    .isBetween(400, 499);
        }
    }

    @Test
    void aConfiguredCredentialNeverAppearsInAnswersOrTheAudit() throws IOException {
        String canaryTenant = "canary-" + UUID.randomUUID().toString().substring(0, 8);
        String aliasValue = "canary-alias-" + UUID.randomUUID();
        String propertyValue = "canary-property-" + UUID.randomUUID();
        String alias = "mandate.credentials." + canaryTenant + ".vault.client-secret";
        String property = "mandate.credentials." + canaryTenant + ".crm.key";
        Path passwordFile = Files.createTempFile("canary", ".txt");
        Files.writeString(passwordFile, "AS_ADMIN_ALIASPASSWORD=" + aliasValue + "\n", StandardCharsets.UTF_8);
        try {
            Asadmin.run("--passwordfile", passwordFile.toString(), "create-password-alias", alias);
            Asadmin.setProperty(property, propertyValue);
            assertThat(Asadmin.run("list-password-aliases")).contains(alias);

            String canaryAdmin = Tokens.admin(canaryTenant);
            String key = newKey();
            String connector = """
                    {"method":"POST","url":"https://crm.example.com/notes","credential":
                     {"name":"crm","kind":"API_KEY","header":"X-Api-Key"}}""";
            Response created =
                    as(canaryAdmin).body(tool(key, "WRITE", connector)).post("/api/v1/tools");
            assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
            Response replaced = as(canaryAdmin)
                    .header("If-Match", created.header("ETag"))
                    .body(tool(key, "WRITE", """
                            {"method":"POST","url":"https://crm.example.com/notes","credential":
                             {"name":"vault","kind":"OAUTH2_CLIENT_CREDENTIALS","tokenUrl":"https://login.example.com/t"}}"""))
                    .put("/api/v1/tools/" + key);
            assertThat(replaced.statusCode()).as(replaced.asString()).isEqualTo(200);

            List<String> seen = List.of(
                    created.asString(),
                    replaced.asString(),
                    as(canaryAdmin).get("/api/v1/tools/" + key).asString(),
                    as(canaryAdmin).get("/api/v1/tools").asString(),
                    as(canaryAdmin).get("/api/v1/audit/records?limit=200").asString(),
                    as(canaryAdmin).get("/api/v1/audit/export").asString());
            assertThat(seen.get(2)).contains("\"name\":\"vault\"");
            assertThat(seen.get(4)).contains("tool.updated").contains("OAUTH2_CLIENT_CREDENTIALS vault");
            for (String text : seen) {
                assertThat(text).doesNotContain(aliasValue).doesNotContain(propertyValue);
            }
        } finally {
            quietly(() -> Asadmin.removeProperty(property));
            quietly(() -> Asadmin.run("delete-password-alias", alias));
            Files.deleteIfExists(passwordFile);
        }
    }

    /** Clean-up that must not hide the failure that came before it. */
    private static void quietly(Runnable cleanUp) {
        try {
            cleanUp.run();
        } catch (IllegalStateException alreadyGone) {
            // nothing to remove
        }
    }

    @Test
    void unknownCredentialKindsAndMembersNameTheirPlace() {
        Response answer = as(admin)
                .body(
                        tool(
                                newKey(),
                                "WRITE",
                                "{" + OK
                                        + ",\"credential\":{\"name\":\"x\",\"kind\":\"API_KEY\",\"header\":\"X-K\",\"secret\":\"s\"}}"))
                .post("/api/v1/tools");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.jsonPath().getList("violations", Map.class))
                .extracting(v -> v.get("field"))
                .containsExactly("actions[0].connector.credential.secret");
        assertThat(answer.asString()).doesNotContain("\"s\"");
    }
}
