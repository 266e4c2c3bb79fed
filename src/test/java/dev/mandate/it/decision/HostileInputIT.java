package dev.mandate.it.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hostile inputs that answered 500: numbers of 1,200 digits, 1e-999999999, nesting around the
 * parser's limit, NUL characters, a task id longer than its audit column, an envelope longer than its
 * column, agent subjects longer than an agent id, and signed tokens without {@code groups}. Each is a
 * 4xx problem, and a refused envelope leaves no envelope row behind.
 */
class HostileInputIT extends MandateIT {

    private static DecisionSetup setup;
    private static String agent;

    @BeforeAll
    static void tenant() {
        setup = new DecisionSetup();
        agent = setup.agent("AUTONOMOUS");
    }

    /** An envelope with the fields given as raw JSON text. */
    private static String envelope(String taskId, String taskType, String amount, String confidence, String context) {
        return "{\"agentId\":\"" + agent + "\",\"taskId\":" + taskId + ",\"taskType\":" + taskType
                + ",\"requestedAction\":{\"tool\":\"erp\",\"action\":\"pay\",\"arguments\":{\"invoiceId\":\"INV-1\","
                + "\"amount\":" + amount + "}},\"policyContext\":" + context
                + ",\"modelUsage\":{\"model\":\"small\",\"calls\":1,\"cost\":0.02},\"confidence\":" + confidence + "}";
    }

    private static String okTask() {
        return "\"task-" + UUID.randomUUID() + "\"";
    }

    private static Response send(String token, String body) {
        return as(token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body)
                .post("/api/v1/envelopes");
    }

    private static void refused(String body, int status, String what) {
        long before = Database.rows("envelope", setup.tenant);
        Response answer = send(setup.tokenOf("AUTONOMOUS"), body);
        assertThat(answer.statusCode()).as(what + ": " + answer.asString()).isEqualTo(status);
        assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
        assertThat(Database.rows("envelope", setup.tenant)).as(what).isEqualTo(before);
    }

    @Test
    void numbersOf1200DigitsInAnyFieldAre400() {
        String huge = "1".repeat(1200);
        refused(envelope(okTask(), "\"pay-invoice\"", huge, "0.5", "{}"), 400, "amount");
        refused(envelope(okTask(), "\"pay-invoice\"", "1", huge, "{}"), 400, "confidence");
        refused(envelope(huge, "\"pay-invoice\"", "1", "0.5", "{}"), 400, "taskId");
        refused(envelope(okTask(), "\"pay-invoice\"", "1", "0.5", "{\"n\":" + huge + "}"), 400, "policyContext");
        refused(envelope(okTask(), "\"pay-invoice\"", "0." + "0".repeat(1199) + "1", "0.5", "{}"), 400, "tiny");
    }

    @Test
    void extremeExponentsAre400() {
        for (String number : List.of("1e-999999999", "1E400", "1e2147483648")) {
            refused(envelope(okTask(), "\"pay-invoice\"", number, "0.5", "{}"), 400, "amount " + number);
            refused(envelope(okTask(), "\"pay-invoice\"", "1", number, "{}"), 400, "confidence " + number);
            refused(envelope(okTask(), "\"pay-invoice\"", "1", "0.5", "{\"x\":" + number + "}"), 400, "context");
        }
    }

    @Test
    void nestingAroundTheParsersLimitIs400() {
        for (int depth : new int[] {999, 1000, 1001, 1002}) {
            String arrays = "[".repeat(depth) + "]".repeat(depth);
            refused(envelope(okTask(), "\"pay-invoice\"", arrays, "0.5", "{}"), 400, "arguments " + depth);
            String objects = "{\"d\":".repeat(depth) + "1" + "}".repeat(depth);
            refused(envelope(okTask(), "\"pay-invoice\"", "1", "0.5", objects), 400, "policyContext " + depth);
        }
    }

    @Test
    void theNulCharacterIs400() {
        refused(envelope("\"task\\u0000x\"", "\"pay-invoice\"", "1", "0.5", "{}"), 400, "taskId");
        refused(envelope(okTask(), "\"pay\\u0000\"", "1", "0.5", "{}"), 400, "taskType");
        refused(envelope(okTask(), "\"pay-invoice\"", "\"\\u0000\"", "0.5", "{}"), 400, "argument");
        refused(envelope(okTask(), "\"pay-invoice\"", "1", "0.5", "{\"a\\u0000\":1}"), 400, "key");
    }

    @Test
    void aTaskIdIsAtMostItsColumn() {
        for (int length : new int[] {129, 150, 200}) {
            refused(envelope("\"" + "t".repeat(length) + "\"", "\"pay-invoice\"", "1", "0.5", "{}"), 400, "taskId");
        }
        Response answer = send(
                setup.tokenOf("AUTONOMOUS"),
                envelope("\"" + "t".repeat(128) + "\"", "\"pay-invoice\"", "1", "0.5", "{}"));
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
    }

    @Test
    void anEnvelopeLongerThanItsColumnIs413() {
        String note = "\"" + "n".repeat(205_000) + "\"";
        String body = envelope(okTask(), "\"pay-invoice\"", "1", "0.5", "{\"note\":" + note + "}");
        assertThat(body.length()).isBetween(200_001, 262_144);
        refused(body, 413, "envelope");
    }

    @Test
    void aTaskTypesCostsAreAtMostTheirColumn() {
        for (String field : List.of("costPerTask", "maxCostPerTask")) {
            String group = field.equals("costPerTask") ? "targets" : "limits";
            // the largest value the numeric(12,4) column holds is accepted: the body is otherwise valid
            Response largest = as(setup.admin)
                    .body(taskType(group, field, "99999999.9999"))
                    .post("/api/v1/task-types");
            assertThat(largest.statusCode()).as(largest.asString()).isEqualTo(201);
            long before = Database.rows("task_type", setup.tenant);
            Response answer =
                    as(setup.admin).body(taskType(group, field, "1000000000")).post("/api/v1/task-types");
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.<List<String>>path("violations.field"))
                    .anySatisfy(f -> assertThat(f).endsWith(field));
            assertThat(Database.rows("task_type", setup.tenant)).isEqualTo(before);
        }
    }

    private static String taskType(String group, String field, String value) {
        return "{\"key\":\"costly-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"workflow\":\"accounts-payable\",\"name\":\"Costly\",\"definition\":\"d\","
                + "\"successCriteria\":\"s\",\"riskLevel\":\"LOW\","
                + "\"allowedTools\":[{\"tool\":\"erp\",\"action\":\"match_po\"}],"
                + "\"" + group + "\":{\"" + field + "\":" + value + "}}";
    }

    @Test
    void aToolsArgumentSchemaIsAtMostItsColumnAndNotAbsurdlyDeep() {
        String huge = "{\"type\":\"object\",\"description\":\"" + "d".repeat(20_000) + "\"}";
        String deep = "{\"not\":".repeat(200) + "{}" + "}".repeat(200);
        for (String schema : List.of(huge, deep)) {
            long before = Database.rows("tool", setup.tenant);
            Response answer = as(setup.admin)
                    .body("{\"key\":\"t-" + UUID.randomUUID().toString().substring(0, 8)
                            + "\",\"name\":\"T\",\"actions\":[{\"key\":\"a\",\"riskClass\":\"READ\","
                            + "\"argumentSchema\":" + schema + "}]}")
                    .post("/api/v1/tools");
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(Database.rows("tool", setup.tenant)).isEqualTo(before);
        }
    }

    @Test
    void anAgentSubjectLongerThanAnAgentIdIsRefused() {
        for (int length : new int[] {37, 129, 300}) {
            String subject = "a".repeat(length);
            String token = Tokens.agent(setup.tenant, subject);
            Response envelope = send(token, envelope(okTask(), "\"pay-invoice\"", "1", "0.5", "{}"));
            assertThat(envelope.statusCode()).as(envelope.asString()).isIn(401, 403);
            assertThat(envelope.contentType()).startsWith("application/problem+json");
            Response me = as(token).get("/api/v1/me");
            assertThat(me.statusCode()).as(me.asString()).isIn(401, 403);
        }
    }

    @Test
    void aSignedTokenWithoutGroupsIsForbiddenOnEveryEndpointFamily() {
        String token = Tokens.with(setup.tenant, "alice@example.com", claims -> claims.claim("groups", null));
        String anId = UUID.randomUUID().toString();
        List<String> paths = List.of(
                "/api/v1/me",
                "/api/v1/agents",
                "/api/v1/agents/" + anId + "/card",
                "/api/v1/roles",
                "/api/v1/tools",
                "/api/v1/workflows",
                "/api/v1/task-types",
                "/api/v1/budgets",
                "/api/v1/kill-switches",
                "/api/v1/policies",
                "/api/v1/policies/rules",
                "/api/v1/envelopes/" + anId,
                "/api/v1/audit/verify",
                "/api/v1/audit/records",
                "/api/v1/reports/readiness",
                "/api/v1/reports/readiness/accounts-payable");
        for (String path : paths) {
            Response answer = as(token).get(path);
            assertThat(answer.statusCode()).as(path + ": " + answer.asString()).isEqualTo(403);
            assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
        }
        Response envelope = send(token, envelope(okTask(), "\"pay-invoice\"", "1", "0.5", "{}"));
        assertThat(envelope.statusCode()).as(envelope.asString()).isEqualTo(403);
        Response scim = as(token).get("/scim/v2/Users");
        assertThat(scim.statusCode()).as(scim.asString()).isEqualTo(403);
    }
}
