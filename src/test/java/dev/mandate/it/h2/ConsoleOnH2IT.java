package dev.mandate.it.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.ConsoleBrowser;
import dev.mandate.it.support.Fixtures;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console as a new user meets it on the quick start: in the machine's Chromium, driven by playwright-core
 * ({@code src/test/console/}), logged in through the console's own OpenID Connect flow on the dev login. What
 * a scenario needs is prepared here through the API, what it did is checked here through the API; every page
 * it visits is scanned with axe-core and kept as a screenshot under {@code target/console-screenshots/}.
 */
class ConsoleOnH2IT {

    private static final String BASE = System.getProperty("mandate.it.h2.base-url", "http://127.0.0.1:29080");
    private static final String CLERK = "00000000-de00-4000-8000-000000000003"; // AUTONOMOUS on erp
    private static final String CAROL = "carol.controller@demo.example"; // finance approver

    private static String clerk;
    private static String carol;
    private static String admin;

    @BeforeAll
    static void tokens() {
        clerk = Fixtures.devToken(BASE, CLERK, "mandate-agent");
        carol = Fixtures.devToken(BASE, CAROL, "mandate-approver");
        admin = Fixtures.devToken(BASE, "admin@demo.example", "mandate-admin");
    }

    @AfterEach
    void normalErp() {
        RestAssured.given().baseUri(BASE).delete("/demo-tools/control/erp");
    }

    @Test
    void anApproverApprovesAPaymentInTheInboxAndItIsPaidOnce() {
        Response decided = pay(2500);
        assertThat(decided.<String>path("decision")).as(decided.asString()).isEqualTo("REQUIRE_APPROVAL");
        String approval = decided.path("approval.id");

        scenario("approve", Map.of("subject", CAROL, "approvalId", approval));

        Response after = as(carol).get("/api/v1/approvals/" + approval);
        assertThat(after.<String>path("status")).isEqualTo("APPROVED");
        assertThat(after.<String>path("execution.status")).isEqualTo("SUCCEEDED");
        assertThat(after.<String>path("votes[0].reason")).isEqualTo("matches PO-77");
    }

    @Test
    void aReviewerResolvesAFailedPaymentWithEditedArgumentsCheckedLive() {
        // the ERP answers 503 to every attempt: the payment fails after its retries and reaches the queue;
        // then the ERP is well again for the reviewer's edit
        RestAssured.given()
                .baseUri(BASE)
                .contentType("application/json")
                .body(Map.of("failNext", 20, "failStatus", 503))
                .put("/demo-tools/control/erp")
                .then()
                .statusCode(200);
        Response decided = pay(800);
        assertThat(decided.<String>path("decision")).as(decided.asString()).isEqualTo("ALLOW");
        String envelope = decided.path("envelopeId");
        String item = escalationOf(envelope);
        RestAssured.given().baseUri(BASE).delete("/demo-tools/control/erp");
        String invoice = decided.path("envelope.requestedAction.arguments.invoiceId");

        scenario(
                "escalation",
                Map.of(
                        "subject",
                        CAROL,
                        "escalationId",
                        item,
                        "refusedArguments",
                        Map.of("invoiceId", "INV-X", "amount", 20000, "currency", "EUR"),
                        "allowedArguments",
                        Map.of("invoiceId", invoice == null ? "INV-X" : invoice, "amount", 600, "currency", "EUR")));

        Response after = as(carol).get("/api/v1/escalations/" + item);
        assertThat(after.<String>path("status")).isEqualTo("RESOLVED");
        assertThat(after.<String>path("resolution.resolution")).isEqualTo("EXECUTE_EDITED");
        assertThat(after.<Integer>path("resolution.editedArguments.amount")).isEqualTo(600);
    }

    @Test
    void anAuditorExplainsADecisionAndExportsIt() {
        Response decided = pay(500);
        assertThat(decided.<String>path("decision")).as(decided.asString()).isEqualTo("ALLOW");

        scenario("explain", Map.of("subject", CAROL, "envelopeId", decided.path("envelopeId")));
    }

    @Test
    void anAdministratorFlipsAKillSwitchWithAReasonAndConfirmation() {
        String agent = "00000000-de00-4000-8000-000000000004";
        try {
            scenario("killSwitch", Map.of("subject", "admin@demo.example", "agentId", agent));
            List<Map<String, Object>> switches =
                    as(admin).get("/api/v1/kill-switches").jsonPath().getList("$");
            assertThat(switches)
                    .filteredOn(s -> agent.equals(s.get("target")))
                    .singleElement()
                    .satisfies(s -> {
                        assertThat(s.get("active")).isEqualTo(false);
                        assertThat(s.get("reason")).isEqualTo("console check done");
                        assertThat(s.get("changedBy")).isEqualTo("admin@demo.example");
                    });
        } finally {
            as(admin)
                    .body(Map.of("scope", "AGENT", "target", agent, "active", false, "reason", "test ended"))
                    .put("/api/v1/kill-switches");
        }
    }

    @Test
    void everyPageRendersAndPassesTheAccessibilityScan() {
        scenario(
                "tour",
                Map.of(
                        "subject",
                        "risk.owner@demo.example",
                        "agentId",
                        CLERK,
                        "workflow",
                        "accounts-payable-invoices"));
    }

    @Test
    void theDevLoginRefusesACodeForAnotherRedirectOrWithoutItsVerifier() {
        String verifier = "v".repeat(43) + UUID.randomUUID().toString().replace("-", "");
        String challenge = s256(verifier);
        Map<String, String> request = Map.of(
                "response_type", "code",
                "client_id", "mandate-console",
                "redirect_uri", BASE + "/console/",
                "state", "s1",
                "code_challenge", challenge,
                "code_challenge_method", "S256");
        // a redirect that is not this server's console is refused, never followed
        RestAssured.given()
                .baseUri(BASE)
                .queryParams(Map.of(
                        "response_type", "code",
                        "client_id", "mandate-console",
                        "redirect_uri", "https://attacker.example/console/",
                        "code_challenge", challenge,
                        "code_challenge_method", "S256"))
                .get("/api/v1/dev/oidc/authorize")
                .then()
                .statusCode(400);
        // PKCE is required
        RestAssured.given()
                .baseUri(BASE)
                .queryParams(Map.of(
                        "response_type", "code", "client_id", "mandate-console", "redirect_uri", BASE + "/console/"))
                .get("/api/v1/dev/oidc/authorize")
                .then()
                .statusCode(400);
        // who logs in is checked like any input: one past each length, control characters, unknown roles
        for (Map<String, String> person : List.of(
                Map.of("subject", "c".repeat(129), "role", "approver", "tenant", "demo"),
                Map.of("subject", "carol\u0000@demo.example", "role", "approver", "tenant", "demo"),
                Map.of("subject", CAROL, "role", "root", "tenant", "demo"),
                Map.of("subject", CAROL, "role", "approver", "tenant", "d".repeat(64)),
                Map.of("subject", CAROL, "role", "approver", "tenant", "<script>alert(1)</script>"))) {
            Response refused = authorize(request, person);
            assertThat(refused.statusCode()).as(person.toString()).isEqualTo(400);
            assertThat(refused.asString()).doesNotContain("<script>alert");
        }
        Response login = authorize(request, Map.of("subject", CAROL, "role", "approver", "tenant", "demo"));
        assertThat(login.statusCode()).isEqualTo(303);
        String location = login.header("Location");
        assertThat(location).startsWith(BASE + "/console/?code=").endsWith("&state=s1");
        String code = location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));

        Map<String, String> exchange = Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                BASE + "/console/",
                "client_id",
                "mandate-console");
        // the wrong verifier uses the code up: it cannot be tried again with the right one
        token(exchange, "w".repeat(43))
                .then()
                .statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("invalid_grant"));
        token(exchange, verifier).then().statusCode(400);

        Response again = authorize(request, Map.of("subject", CAROL, "role", "approver", "tenant", "demo"));
        String second = again.header("Location");
        String code2 = second.substring(second.indexOf("code=") + 5, second.indexOf("&state"));
        String token = token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code2,
                                "redirect_uri",
                                BASE + "/console/",
                                "client_id",
                                "mandate-console"),
                        verifier)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        as(token).get("/api/v1/me").then().statusCode(200).body("subject", org.hamcrest.Matchers.equalTo(CAROL));
    }

    private static Response authorize(Map<String, String> request, Map<String, String> person) {
        return RestAssured.given()
                .baseUri(BASE)
                .redirects()
                .follow(false)
                .formParams(request)
                .formParams(person)
                .post("/api/v1/dev/oidc/authorize");
    }

    private static Response token(Map<String, String> exchange, String verifier) {
        return RestAssured.given()
                .baseUri(BASE)
                .formParams(exchange)
                .formParam("code_verifier", verifier)
                .post("/api/v1/dev/oidc/token");
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void scenario(String name, Map<String, Object> arguments) {
        ConsoleBrowser.scenario(BASE, name, arguments);
    }

    private static Response pay(double amount) {
        String key = "console-" + UUID.randomUUID();
        return as(clerk)
                .header("Idempotency-Key", key)
                .body(Map.of(
                        "agentId",
                        CLERK,
                        "taskId",
                        key,
                        "taskType",
                        "pay-invoice",
                        "requestedAction",
                        Map.of(
                                "tool", "erp",
                                "action", "pay_invoice",
                                "arguments",
                                        Map.of(
                                                "invoiceId",
                                                "INV-" + key.substring(8, 16),
                                                "amount",
                                                amount,
                                                "currency",
                                                "EUR")),
                        "evidence",
                        List.of(Map.of("source", "erp", "excerpt", "matches PO-77")),
                        "modelUsage",
                        Map.of("model", "small", "calls", 1, "cost", 0.01)))
                .post("/api/v1/envelopes");
    }

    /** The queue item a failed execution of this envelope raised (the execution ends on the worker). */
    private static String escalationOf(String envelope) {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(until)) {
            List<Map<String, Object>> items = as(carol)
                    .get("/api/v1/escalations?source=EXECUTION_FAILED&limit=200")
                    .jsonPath()
                    .getList("items");
            for (Map<String, Object> item : items) {
                if (envelope.equals(item.get("envelopeId"))) {
                    return (String) item.get("id");
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no EXECUTION_FAILED escalation for envelope " + envelope);
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given()
                .baseUri(BASE)
                .contentType("application/json")
                .header("Authorization", "Bearer " + token);
    }
}
