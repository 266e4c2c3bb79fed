package dev.mandate.it.people;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.execution.StubToolServer;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.Tokens;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A tenant where an autonomous payments agent pays through a stub ERP: a payment is MONEY_MOVEMENT and needs
 * an approval; above 100 a rule names the finance approvers (alice, bob, and the agent's sponsor), else every
 * approver role covering erp (the finance approvers and the controllers); set up through the public API.
 */
final class PeopleSetup {

    static final String BASE = System.getProperty("mandate.it.base-url", "http://127.0.0.1:28080");
    static final String SPONSOR = "owner@example.com";

    final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 13);
    final String admin = Tokens.admin(tenant);
    final String alice = Tokens.of(tenant, "alice@example.com", Tokens.APPROVER);
    final String bob = Tokens.of(tenant, "bob@example.com", Tokens.APPROVER);
    final String carol = Tokens.of(tenant, "carol@example.com", Tokens.APPROVER);
    final String sponsor = Tokens.of(tenant, SPONSOR, Tokens.APPROVER);
    final String agent;
    final String agentToken;
    final StubToolServer stub;

    PeopleSetup(StubToolServer stub) {
        this.stub = stub;
        post("/api/v1/tools", tool("erp", "pay", "MONEY_MOVEMENT"));
        post("/api/v1/workflows", Map.of("key", "finance", "name", "Finance"));
        post(
                "/api/v1/task-types",
                Map.of(
                        "key", "pay-invoice",
                        "workflow", "finance",
                        "name", "Pay an invoice",
                        "definition", "Pay an approved supplier invoice",
                        "successCriteria", "Paid once",
                        "riskLevel", "HIGH",
                        "allowedTools", List.of(Map.of("tool", "erp", "action", "*"))));
        String agentRole = post(
                        "/api/v1/roles",
                        Map.of(
                                "name",
                                "payments-agent",
                                "approver",
                                false,
                                "permissions",
                                List.of(Map.of("tool", "erp", "action", "*"))))
                .path("id");
        String finance = post(
                        "/api/v1/roles",
                        Map.of(
                                "name",
                                "finance-approver",
                                "approver",
                                true,
                                "permissions",
                                List.of(Map.of("tool", "erp", "action", "*"))))
                .path("id");
        // the controllers may approve payments too, but the rule below names the finance approvers: payments
        // above 100 reach the controllers only as fallback approvers
        post(
                "/api/v1/roles",
                Map.of(
                        "name",
                        "controller",
                        "approver",
                        true,
                        "permissions",
                        List.of(Map.of("tool", "erp", "action", "*"))));
        agent = post(
                        "/api/v1/agents",
                        Map.of(
                                "name",
                                "payments-bot",
                                "sponsor",
                                SPONSOR,
                                "defaultTier",
                                "AUTONOMOUS",
                                "workflow",
                                "finance"))
                .path("id");
        post("/api/v1/roles/" + agentRole + "/assignments", Map.of("principalType", "AGENT", "principal", agent));
        for (String person : List.of("alice@example.com", "bob@example.com", SPONSOR)) {
            post("/api/v1/roles/" + finance + "/assignments", Map.of("principalType", "PERSON", "principal", person));
        }
        agentToken = Tokens.agent(tenant, agent);
        Fixtures.policyRule(
                admin,
                "payments-need-finance",
                Map.of(
                        "kind", "EXPRESSION",
                        "expression", "task.action == 'pay' && args.amount > 100.0",
                        "effect", "REQUIRE_APPROVAL",
                        "approverRole", "finance-approver",
                        "reason", "payments above 100 need a finance approver"));
    }

    /** The controller role, held by carol: the fallback approvers. */
    void carolIsController() {
        String controller = as(admin).get("/api/v1/roles?limit=100").path("items.find { it.name == 'controller' }.id");
        post(
                "/api/v1/roles/" + controller + "/assignments",
                Map.of("principalType", "PERSON", "principal", "carol@example.com"));
    }

    private Map<String, Object> tool(String key, String action, String risk) {
        Map<String, Object> connector = new HashMap<>();
        connector.put("method", "POST");
        connector.put("url", stub.toolUrl(key) + "/payments");
        connector.put("timeoutMillis", 2000);
        connector.put("syncWaitMillis", 3000);
        return Map.of(
                "key",
                key,
                "name",
                key,
                "actions",
                List.of(Map.of(
                        "key",
                        action,
                        "riskClass",
                        risk,
                        "argumentSchema",
                        Map.of("type", "object"),
                        "connector",
                        connector)));
    }

    Map<String, Object> payment(Map<String, Object> arguments) {
        Map<String, Object> body = new HashMap<>();
        body.put("agentId", agent);
        body.put("taskId", "task-" + UUID.randomUUID());
        body.put("taskType", "pay-invoice");
        body.put("requestedAction", Map.of("tool", "erp", "action", "pay", "arguments", arguments));
        body.put(
                "evidence",
                List.of(Map.of(
                        "source", "invoice",
                        "excerpt", "Invoice INV-1 approved by purchasing",
                        "citationUri", "https://erp.example.com/invoices/INV-1")));
        return body;
    }

    /** Submits a payment and expects REQUIRE_APPROVAL; returns the answer. */
    Response requestPayment(Map<String, Object> arguments) {
        Response answer = submit(payment(arguments));
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        assertThat(answer.<String>path("decision")).as(answer.asString()).isEqualTo("REQUIRE_APPROVAL");
        return answer;
    }

    /** Submits an envelope as the agent, with an idempotency key of its own (payments need one). */
    Response submit(Map<String, Object> envelope) {
        return as(agentToken)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(envelope)
                .post("/api/v1/envelopes");
    }

    void policy(String selector, Map<String, Object> body) {
        Response response = as(admin).body(body).put("/api/v1/approval-policies/" + selector);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    }

    void slaClass(String name, Map<String, Object> body) {
        Response response = as(admin).body(body).put("/api/v1/sla-classes/" + name);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    }

    Response post(String path, Object body) {
        Response response = as(admin).body(body).post(path);
        assertThat(response.statusCode()).as(path + ": " + response.asString()).isEqualTo(201);
        return response;
    }

    /** Polls {@code path} as the admin until {@code done} holds (or the time is up). */
    Response await(String path, Predicate<Response> done, Duration within) {
        Instant deadline = Instant.now().plus(within);
        Response response;
        do {
            response = as(admin).get(path);
            if (done.test(response)) {
                return response;
            }
            sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError(path + " not as expected within " + within + ": " + response.asString());
    }

    static RequestSpecification as(String token) {
        return RestAssured.given()
                .baseUri(BASE)
                .contentType("application/json")
                .header("Authorization", "Bearer " + token);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
