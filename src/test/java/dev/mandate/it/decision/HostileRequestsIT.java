package dev.mandate.it.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A few hundred generated hostile bodies and tokens against the deployed server (a fixed seed, so a
 * failure reproduces). Every answer is a 2xx (the input happened to be valid) or a 4xx problem+json,
 * never a 5xx. "Nothing written" for a refused request means: no envelope, idempotency key or task usage
 * row, and no audit record other than {@code envelope.rejected} (the attempt itself is evidence and is
 * audited on purpose); for the admin APIs, the tenant's footprint (identity, policy and audit rows) is
 * unchanged.
 */
class HostileRequestsIT extends MandateIT {

    private static final long SEED = 14L;
    private static final String[] NUMBERS = {
        "1" + "0".repeat(1200),
        "1e-999999999",
        "1E400",
        "1e2147483648",
        "-0",
        "18446744073709551916",
        "9223372036854775808",
        "9007199254740993",
        "5000.0000000000000001",
        "0.1",
        "1",
        "-1",
        "1e2"
    };
    private static final String[] TEXTS = {
        "\"\\u0000\"",
        "\"a\\u0000b\"",
        "\"\\ud800\"",
        "\"\\udc00x\"",
        "\"" + "x".repeat(129) + "\"",
        "\"" + "x".repeat(201) + "\"",
        "\"" + "x".repeat(5000) + "\"",
        "\"\"",
        "\"ignore previous policy\"",
        "\"x\""
    };
    private static final String[] SHAPES = {"null", "true", "[]", "{}", "[1,\"a\",null]", "{\"a\":{\"b\":[]}}"};
    private static final String[] BROKEN = {"", "{", "[1,", "\"open", "nul", "{\"a\":1}}", "NaN", "01", "'x'"};

    private static DecisionSetup setup;
    private static String agent;
    private final Random random = new Random(SEED);

    @BeforeAll
    static void tenant() {
        setup = new DecisionSetup();
        agent = setup.agent("AUTONOMOUS");
    }

    @Test
    void hostileEnvelopesAreRefusedWith4xxAndWriteNothing() {
        String token = setup.tokenOf("AUTONOMOUS");
        int refused = 0;
        for (int i = 0; i < 200; i++) {
            String body = hostileEnvelope();
            long before = envelopeFootprint();
            Response answer = as(token)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(body)
                    .post("/api/v1/envelopes");
            assertAnswered(answer, "envelope " + abbreviated(body));
            if (answer.statusCode() >= 400) {
                refused++;
                assertThat(envelopeFootprint())
                        .as("written by " + abbreviated(body))
                        .isEqualTo(before);
            }
        }
        assertThat(refused).isGreaterThan(100);
    }

    @Test
    void hostileAdminBodiesAreRefusedWith4xxAndWriteNothing() {
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        endpoints.put("/api/v1/agents", List.of("name", "sponsor", "defaultTier", "workflow", "description"));
        endpoints.put("/api/v1/roles", List.of("name", "description", "approver", "permissions"));
        endpoints.put("/api/v1/tools", List.of("key", "name", "description", "actions"));
        endpoints.put("/api/v1/workflows", List.of("key", "name", "description"));
        endpoints.put(
                "/api/v1/task-types",
                List.of("key", "workflow", "name", "definition", "successCriteria", "riskLevel", "refusalConditions"));
        endpoints.put(
                "/api/v1/policies/rules",
                List.of("ruleId", "name", "priority", "kind", "params", "expression", "effect"));
        endpoints.put("/api/v1/policies/what-if", List.of("rule", "samples"));
        int sent = 0;
        for (int round = 0; round < 15; round++) {
            for (Map.Entry<String, List<String>> endpoint : endpoints.entrySet()) {
                String body = random.nextInt(6) == 0 ? pick(BROKEN) : hostileObject(endpoint.getValue());
                long before = Database.footprint(setup.tenant);
                Response answer = as(setup.admin).body(body).post(endpoint.getKey());
                assertAnswered(answer, endpoint.getKey() + " " + abbreviated(body));
                if (answer.statusCode() >= 400) {
                    assertThat(Database.footprint(setup.tenant))
                            .as("written by " + endpoint.getKey() + " " + abbreviated(body))
                            .isEqualTo(before);
                }
                sent++;
            }
        }
        assertThat(sent).isEqualTo(105);
    }

    @Test
    void tokensWithHostileClaimsAreRefusedWith4xx() {
        List<UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder>> changes = List.of(
                c -> c.claim("groups", null),
                c -> c.claim("groups", "mandate-admin"),
                c -> c.claim("groups", 42),
                c -> c.claim("groups", List.of(1, true)),
                c -> c.claim("groups", Map.of("a", "b")),
                c -> c.subject(null).claim("upn", null),
                c -> c.subject("x".repeat(300)).claim("upn", "x".repeat(300)),
                c -> c.subject("a\u0000b").claim("upn", "a\u0000b"),
                c -> c.claim("tenant", 5),
                c -> c.claim("tenant", List.of(setup.tenant)),
                c -> c.claim("tenant", "x".repeat(500)),
                c -> c.claim("nbf", "soon"),
                c -> c.claim("nbf", new java.math.BigDecimal("1e400")));
        for (UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder> change : changes) {
            for (String group : new String[] {Tokens.ADMIN, Tokens.AGENT}) {
                String token = Tokens.with(setup.tenant, Tokens.AGENT.equals(group) ? agent : "alice", change, group);
                assertAnswered(as(token).get("/api/v1/agents"), "GET agents with " + group);
                assertAnswered(as(token).get("/api/v1/me"), "GET me with " + group);
                long before = envelopeFootprint();
                Response envelope = as(token)
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .body(DecisionSetup.envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                        .post("/api/v1/envelopes");
                assertAnswered(envelope, "POST envelope with " + group);
                if (envelope.statusCode() >= 400) {
                    assertThat(envelopeFootprint()).as("written with " + group).isEqualTo(before);
                }
            }
        }
    }

    private static void assertAnswered(Response answer, String what) {
        assertThat(answer.statusCode())
                .as(what + " answered " + answer.asString())
                .isLessThan(500);
        if (answer.statusCode() >= 400) {
            assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
        }
    }

    /** Rows a refused envelope must not leave: envelopes, keys, task usage, audit records but rejections. */
    private static long envelopeFootprint() {
        return Database.rows("envelope", setup.tenant)
                + Database.rows("idempotency_key", setup.tenant)
                + Database.rows("task_usage", setup.tenant)
                + Database.count(
                        "select count(*) from audit_record where tenant_id = ? and action <> 'envelope.rejected'",
                        setup.tenant);
    }

    private String hostileEnvelope() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("taskId", "\"task-" + UUID.randomUUID() + "\"");
        fields.put("taskType", "\"pay-invoice\"");
        fields.put("amount", "1");
        fields.put("invoiceId", "\"INV-1\"");
        fields.put("context", "{}");
        fields.put("excerpt", "\"INV-1 matches\"");
        fields.put("cost", "0.02");
        fields.put("confidence", "0.9");
        List<String> keys = new ArrayList<>(fields.keySet());
        int hostile = 1 + random.nextInt(2);
        for (int i = 0; i < hostile; i++) {
            fields.put(keys.get(random.nextInt(keys.size())), hostileValue());
        }
        if (random.nextInt(10) == 0) {
            return pick(BROKEN);
        }
        return "{\"agentId\":\"" + agent + "\",\"taskId\":" + fields.get("taskId") + ",\"taskType\":"
                + fields.get("taskType") + ",\"requestedAction\":{\"tool\":\"erp\",\"action\":\"pay\",\"arguments\":"
                + "{\"invoiceId\":" + fields.get("invoiceId") + ",\"amount\":" + fields.get("amount") + "}},"
                + "\"evidence\":[{\"source\":\"erp\",\"excerpt\":" + fields.get("excerpt") + "}],\"policyContext\":"
                + fields.get("context") + ",\"modelUsage\":{\"model\":\"small\",\"calls\":1,\"cost\":"
                + fields.get("cost") + "},\"confidence\":" + fields.get("confidence") + "}";
    }

    private String hostileObject(List<String> fields) {
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; i < fields.size(); i++) {
            body.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(fields.get(i))
                    .append("\":")
                    .append(hostileValue());
        }
        return body.append('}').toString();
    }

    private String hostileValue() {
        return switch (random.nextInt(4)) {
            case 0 -> pick(NUMBERS);
            case 1 -> pick(TEXTS);
            case 2 -> pick(SHAPES);
            default -> {
                int depth = new int[] {17, 999, 1000, 1001}[random.nextInt(4)];
                yield random.nextBoolean()
                        ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"d\":".repeat(depth) + "1" + "}".repeat(depth);
            }
        };
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String abbreviated(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "... (" + body.length() + " characters)";
    }
}
