package dev.mandate.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
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
 * Item 5 of "Hold under attack": envelopes carrying every shape of the secret corpus (the EJB module's
 * {@code audit/secret-corpus.tsv}: e-mails, JWTs, IBANs, cards, API keys, bearer headers, phone numbers,
 * secrets under compound and nested keys) are decided and audited, and none of the shapes appears in the
 * audit records or the export; neither does part of an e-mail or JWT that straddles where the summary is
 * cut, nor an e-mail sent as the task id.
 */
class AuditRedactionIT extends MandateIT {

    private static final Path CORPUS = Path.of("../../ejb/src/test/resources/audit/secret-corpus.tsv");

    private final String tenant = newTenant();
    private final String admin = Tokens.admin(tenant);

    record Shape(String kind, String text, List<String> forbidden) {}

    @Test
    void noSecretOfTheCorpusReachesTheAudit() throws IOException {
        String agent = setUp();
        List<Shape> corpus = corpus();
        List<String> forbidden = new ArrayList<>();
        StringBuilder arguments = new StringBuilder("{");
        for (int i = 0; i < corpus.size(); i++) {
            Shape shape = corpus.get(i);
            forbidden.addAll(shape.forbidden());
            arguments.append(i == 0 ? "" : ",").append("\"s").append(i).append("\":");
            arguments.append(shape.text().startsWith("{") ? shape.text() : quoted(shape.text()));
        }
        arguments.append('}');
        decided(agent, "task-" + UUID.randomUUID(), arguments.toString());

        // an e-mail and a JWT placed where the summary used to be cut (1,500 characters into the arguments)
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdHJhZGRsZSJ9.c3RyYWRkbGVzaWduYXR1cmU";
        for (int before : List.of(2, 6, 12)) {
            String pad = " ".repeat(1500 - before - "{\"pad\":\"\",\"mail\":\"".length());
            decided(
                    agent,
                    "task-" + UUID.randomUUID(),
                    "{\"pad\":\"" + pad + "\",\"mail\":\"straddle.corpus@example.org\"}");
            pad = " ".repeat(1500 - before - "{\"pad\":\"\",\"auth\":\"".length());
            decided(agent, "task-" + UUID.randomUUID(), "{\"pad\":\"" + pad + "\",\"auth\":\"" + jwt + "\"}");
        }
        forbidden.addAll(List.of("straddle", "eyJhbGciOiJSUzI1NiJ9", "eyJzdWIiOiJzdHJhZGRsZSJ9"));

        // the agent's own task id
        decided(agent, "task.owner.corpus@example.com", "{\"invoiceId\":\"INV-1\"}");
        forbidden.add("task.owner.corpus@example.com");

        String records =
                AuditSupport.get(admin, "/api/v1/audit/records?limit=200").asString();
        assertThat(records).contains("envelope.decided").contains("[SECRET]").contains("[EMAIL]");
        String export = AuditSupport.export(admin);
        for (String secret : forbidden) {
            assertThat(records).as("audit records").doesNotContain(secret);
            assertThat(export).as("audit export").doesNotContain(secret);
        }
        assertThat(AuditSupport.verify(admin).getBoolean("valid")).isTrue();
    }

    private String setUp() {
        post(
                "/api/v1/tools",
                Map.of(
                        "key",
                        "erp",
                        "name",
                        "ERP",
                        "actions",
                        List.of(Map.of(
                                "key", "match_po", "riskClass", "WRITE", "argumentSchema", Map.of("type", "object")))));
        post("/api/v1/workflows", Map.of("key", "accounts-payable", "name", "Accounts payable"));
        post(
                "/api/v1/task-types",
                Map.of(
                        "key", "match",
                        "workflow", "accounts-payable",
                        "name", "Match a purchase order",
                        "definition", "Match an invoice to its purchase order",
                        "successCriteria", "Matched once",
                        "riskLevel", "LOW",
                        "allowedTools", List.of(Map.of("tool", "erp", "action", "*"))));
        return post(
                        "/api/v1/agents",
                        Map.of(
                                "name", "redaction-bot",
                                "sponsor", "owner@example.com",
                                "defaultTier", "AUTONOMOUS",
                                "workflow", "accounts-payable"))
                .path("id");
    }

    private void decided(String agent, String taskId, String arguments) {
        String body = "{\"agentId\":\"" + agent + "\",\"taskId\":" + quoted(taskId)
                + ",\"taskType\":\"match\",\"requestedAction\":{\"tool\":\"erp\",\"action\":\"match_po\",\"arguments\":"
                + arguments + "}}";
        Response response = as(Tokens.agent(tenant, agent))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body)
                .post("/api/v1/envelopes");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    }

    private Response post(String path, Object body) {
        Response response = as(admin).body(body).post(path);
        assertThat(response.statusCode()).as(path + ": " + response.asString()).isEqualTo(201);
        return response;
    }

    static List<Shape> corpus() throws IOException {
        assertThat(CORPUS).as("the corpus, relative to src/test").exists();
        return Files.readAllLines(CORPUS, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t", -1))
                .filter(cells -> !cells[0].equals("keep"))
                .map(cells -> new Shape(cells[0], cells[1].replace("\\n", "\n"), List.of(cells[2].split(" \\|\\| "))))
                .toList();
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
