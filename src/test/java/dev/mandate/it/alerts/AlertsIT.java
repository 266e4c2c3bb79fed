package dev.mandate.it.alerts;

import static dev.mandate.it.alerts.AlertTenant.as;
import static dev.mandate.it.alerts.AlertTenant.await;
import static dev.mandate.it.alerts.AlertTenant.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mandate.it.execution.RecordedRequest;
import dev.mandate.it.execution.StubToolServer;
import dev.mandate.it.notification.WebhookReceiver;
import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerts on spikes on the deployed EAR: a burst of tool errors after a quiet baseline fires one alert, sent
 * once as a signed webhook however often it is evaluated, then acknowledged and resolved through the API with
 * audit records; a spike of denials fires on the schedule and resolves itself once quiet for a window; a
 * budget at 80 % of its cap fires; wrong rules are refused naming the field; other tenants see nothing.
 * The test domain evaluates every 2 s (MANDATE_ALERTS_SECONDS), so a test evaluating on request may find
 * the schedule was first: either way there is one alert and one webhook.
 */
class AlertsIT extends MandateIT {

    private static final byte[] KEY = randomKey();
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

    private static StubToolServer stub;
    private static WebhookReceiver receiver;
    private static AlertTenant errors;
    private static AlertTenant denials;
    private static AlertTenant budget;

    @BeforeAll
    static void start() {
        stub = StubToolServer.start();
        receiver = WebhookReceiver.start();
        errors = new AlertTenant(stub);
        denials = new AlertTenant(stub);
        budget = new AlertTenant(stub);
        Asadmin.setProperty("mandate.execution.callback-hosts", "127.0.0.1");
        Asadmin.setProperty(secretKey(errors.tenant), SECRET);
        Asadmin.setProperty(secretKey(denials.tenant), SECRET);
        errors.subscribe(receiver.url("/hooks/errors"));
        denials.subscribe(receiver.url("/hooks/denials"));
    }

    @AfterAll
    static void stop() {
        Asadmin.removeProperty("mandate.execution.callback-hosts");
        Asadmin.removeProperty(secretKey(errors.tenant));
        Asadmin.removeProperty(secretKey(denials.tenant));
        receiver.close();
        stub.close();
    }

    @Test
    void aSpikeOfToolErrorsFiresOnceSignedAndIsAcknowledgedAndResolvedThroughTheApi() throws Exception {
        errors.rule(
                "tool-errors",
                Map.of(
                        "metric", "TOOL_ERRORS",
                        "scope", "TOOL",
                        "scopeValue", AlertTenant.TOOL,
                        "windowSeconds", 60,
                        "baselineWindows", 5,
                        "sensitivity", 3,
                        "minCount", 3));
        // a quiet baseline: the tool answers, nothing fires
        for (int i = 0; i < 3; i++) {
            assertThat(errors.envelope(0.01).<String>path("decision")).isEqualTo("ALLOW");
        }
        Map<String, Object> quiet = errors.evaluate("tool-errors");
        assertThat(quiet).containsEntry("outcome", "NORMAL").containsEntry("key", "tool:" + AlertTenant.TOOL);
        assertThat(((Number) quiet.get("value")).intValue()).isZero();
        assertThat(errors.alerts("tool-errors")).isEmpty();

        // the tool fails: five errors in the current window against a norm of none (five: the tool's circuit
        // breaker opens after five failures, and a sixth call would wait for it)
        stub.tool(AlertTenant.TOOL).failNext(5, 500);
        for (int i = 0; i < 5; i++) {
            errors.envelope(0.01);
        }
        await(
                () -> errors.alerts("tool-errors").stream().anyMatch(a -> ((Number) a.get("value")).intValue() == 5),
                Duration.ofSeconds(15),
                "an alert of 5 tool errors");
        assertThat(errors.evaluate("tool-errors").get("outcome")).isIn("FIRED", "STILL_FIRING");
        List<Map<String, Object>> alerts = errors.alerts("tool-errors");
        assertThat(alerts).hasSize(1);
        Map<String, Object> alert = alerts.get(0);
        String id = (String) alert.get("id");
        assertThat(alert)
                .containsEntry("status", "OPEN")
                .containsEntry("metric", "TOOL_ERRORS")
                .containsEntry("key", "tool:" + AlertTenant.TOOL);
        assertThat(((Number) alert.get("baselineMean")).doubleValue()).isZero();
        assertThat(((Number) alert.get("limit")).doubleValue()).isEqualTo(3.0);

        // the signed webhook reaches the receiver, once, however often the rule is evaluated again
        await(() -> receiver.requests("/hooks/errors").size() >= 1, Duration.ofSeconds(20), "alert.fired");
        assertThat(errors.evaluate("tool-errors"))
                .containsEntry("outcome", "STILL_FIRING")
                .containsEntry("alertId", id);
        sleep(3000);
        List<RecordedRequest> sent = receiver.requests("/hooks/errors");
        assertThat(sent).hasSize(1);
        RecordedRequest fired = sent.get(0);
        verifySignature(fired);
        JsonPath body = JsonPath.from(fired.body());
        assertThat(body.getString("type")).isEqualTo("alert.fired");
        assertThat(body.getString("data.alertId")).isEqualTo(id);
        assertThat(body.getString("data.rule")).isEqualTo("tool-errors");
        assertThat(body.getString("data.metric")).isEqualTo("TOOL_ERRORS");
        assertThat(body.getString("data.key")).isEqualTo("tool:" + AlertTenant.TOOL);
        assertThat(body.getInt("data.value")).isEqualTo(5);
        assertThat(body.getInt("data.windowSeconds")).isEqualTo(60);
        assertThat(as(errors.admin).get("/api/v1/alerts/" + id).<Integer>path("firingEvaluations"))
                .isGreaterThanOrEqualTo(2);

        // auditors read, only administrators act
        assertThat(as(errors.auditor).get("/api/v1/alerts/" + id).statusCode()).isEqualTo(200);
        assertThat(as(errors.auditor)
                        .post("/api/v1/alerts/" + id + "/acknowledge")
                        .statusCode())
                .isEqualTo(403);
        // another tenant's administrator finds nothing
        String intruder = Tokens.admin(budget.tenant);
        assertThat(as(intruder).get("/api/v1/alerts/" + id).statusCode()).isEqualTo(404);
        assertThat(as(intruder).post("/api/v1/alerts/" + id + "/acknowledge").statusCode())
                .isEqualTo(404);
        assertThat(as(intruder).post("/api/v1/alerts/" + id + "/resolve").statusCode())
                .isEqualTo(404);
        assertThat(as(intruder).get("/api/v1/alerts/rules/tool-errors").statusCode())
                .isEqualTo(404);
        assertThat(as(intruder).get("/api/v1/alerts").jsonPath().getList("items.id"))
                .doesNotContain(id);

        Response acknowledged =
                as(errors.admin).body(Map.of("reason", "on it")).post("/api/v1/alerts/" + id + "/acknowledge");
        assertThat(acknowledged.statusCode()).as(acknowledged.asString()).isEqualTo(200);
        assertThat(acknowledged.<String>path("status")).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.<String>path("acknowledgedBy")).isEqualTo("admin@" + errors.tenant);
        assertThat(acknowledged.<String>path("acknowledgedAt")).isNotNull();
        assertThat(as(errors.admin)
                        .post("/api/v1/alerts/" + id + "/acknowledge")
                        .statusCode())
                .isEqualTo(409);
        // still firing while acknowledged: updated, not sent again
        assertThat(errors.evaluate("tool-errors")).containsEntry("outcome", "STILL_FIRING");
        assertThat(as(errors.admin).get("/api/v1/alerts/" + id).<String>path("status"))
                .isEqualTo("ACKNOWLEDGED");

        Response resolved =
                as(errors.admin).body(Map.of("reason", "tool fixed")).post("/api/v1/alerts/" + id + "/resolve");
        assertThat(resolved.statusCode()).as(resolved.asString()).isEqualTo(200);
        assertThat(resolved.<String>path("status")).isEqualTo("RESOLVED");
        assertThat(resolved.<String>path("resolvedBy")).isEqualTo("admin@" + errors.tenant);
        assertThat(resolved.<String>path("resolutionReason")).isEqualTo("tool fixed");
        assertThat(as(errors.admin).post("/api/v1/alerts/" + id + "/resolve").statusCode())
                .isEqualTo(409);
        await(() -> receiver.requests("/hooks/errors").size() >= 2, Duration.ofSeconds(20), "alert.resolved");
        RecordedRequest resolvedEvent = receiver.requests("/hooks/errors").get(1);
        verifySignature(resolvedEvent);
        assertThat(JsonPath.from(resolvedEvent.body()).getString("type")).isEqualTo("alert.resolved");
        assertThat(JsonPath.from(resolvedEvent.body()).getString("data.resolvedBy"))
                .isEqualTo("admin@" + errors.tenant);

        // the window still holds the spike that was resolved: no new alert for it
        assertThat(errors.evaluate("tool-errors")).containsEntry("outcome", "SUPPRESSED");
        sleep(2500);
        assertThat(errors.alerts("tool-errors")).hasSize(1);
        assertThat(receiver.requests("/hooks/errors")).hasSize(2);

        // the history, for auditors too
        Response history = as(errors.auditor).get("/api/v1/alerts?status=RESOLVED");
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.jsonPath().getList("items.id")).containsExactly(id);
        assertThat(as(errors.auditor)
                        .get("/api/v1/alerts?status=OPEN")
                        .jsonPath()
                        .getList("items"))
                .isEmpty();

        JsonPath audit = as(errors.admin).get("/api/v1/audit/records?limit=200").jsonPath();
        assertThat(audit.getList("items.action", String.class))
                .contains("alert-rule.created", "alert.fired", "alert.acknowledged", "alert.resolved");
        assertThat(audit.getString("items.find { it.action == 'alert.fired' }.actor"))
                .isEqualTo("mandate-alerts");
        assertThat(audit.getString("items.find { it.action == 'alert.acknowledged' }.actor"))
                .isEqualTo("admin@" + errors.tenant);
        assertThat(audit.getString("items.find { it.action == 'alert.resolved' }.actor"))
                .isEqualTo("admin@" + errors.tenant);
        assertThat(audit.getMap("items.find { it.action == 'alert.resolved' }.details"))
                .containsEntry("alert", id)
                .containsEntry("reason", "tool fixed");
    }

    @Test
    void aSpikeOfDenialsFiresOnTheScheduleAndResolvesItselfOnceQuietForAWindow() {
        denials.rule("denials", Map.of("metric", "DENIALS", "windowSeconds", 10, "baselineWindows", 3, "minCount", 3));
        Response on = as(denials.admin)
                .body(Map.of("scope", "TOOL", "target", AlertTenant.TOOL, "active", true, "reason", "drill"))
                .put("/api/v1/kill-switches");
        assertThat(on.statusCode()).as(on.asString()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(denials.envelope(0.01).<String>path("decision")).isEqualTo("DENY");
        }

        // nobody asks for an evaluation: the schedule finds it
        await(() -> !denials.alerts("denials").isEmpty(), Duration.ofSeconds(20), "an alert on the schedule");
        Map<String, Object> alert = denials.alerts("denials").get(0);
        assertThat(alert).containsEntry("metric", "DENIALS").containsEntry("key", "tenant");

        // the denials leave the 10 s window; a window later the alert resolves itself
        await(
                () -> "RESOLVED".equals(denials.alerts("denials").get(0).get("status")),
                Duration.ofSeconds(45),
                "the alert resolving itself");
        Map<String, Object> resolved = denials.alerts("denials").get(0);
        assertThat(resolved).containsEntry("resolvedBy", "mandate-alerts");
        assertThat(((Number) resolved.get("peakValue")).intValue()).isEqualTo(5);
        assertThat((String) resolved.get("resolutionReason")).startsWith("back to normal for a window");
        assertThat(denials.alerts("denials")).hasSize(1);

        await(() -> receiver.requests("/hooks/denials").size() >= 2, Duration.ofSeconds(20), "both events");
        assertThat(receiver.requests("/hooks/denials"))
                .extracting(r -> JsonPath.from(r.body()).getString("type"))
                .containsExactly("alert.fired", "alert.resolved");
    }

    @Test
    void aBudgetAt80PercentOfItsCapFires() {
        Response capped = as(budget.admin)
                .body(Map.of("scope", "TENANT", "period", "DAY", "maxCost", 10))
                .put("/api/v1/budgets");
        assertThat(capped.statusCode()).as(capped.asString()).isEqualTo(200);
        budget.rule("budget", Map.of("metric", "BUDGET_USE", "windowSeconds", 60));
        for (int i = 0; i < 3; i++) {
            assertThat(budget.envelope(2).<String>path("decision")).isEqualTo("ALLOW");
        }
        Map<String, Object> at60 = budget.evaluate("budget");
        assertThat(at60).containsEntry("outcome", "NORMAL");
        // JSON numbers read back as floats here
        assertThat(((Number) at60.get("value")).doubleValue()).isCloseTo(0.6, within(1e-6));
        assertThat(budget.alerts("budget")).isEmpty();

        assertThat(budget.envelope(2).<String>path("decision")).isEqualTo("ALLOW");
        assertThat(budget.evaluate("budget").get("outcome")).isIn("FIRED", "STILL_FIRING");
        List<Map<String, Object>> alerts = budget.alerts("budget");
        assertThat(alerts).hasSize(1);
        assertThat((String) alerts.get(0).get("key"))
                .startsWith("budget:TENANT:")
                .endsWith(":DAY");
        assertThat(((Number) alerts.get(0).get("value")).doubleValue()).isCloseTo(0.8, within(1e-6));
        assertThat(((Number) alerts.get(0).get("limit")).doubleValue()).isCloseTo(0.8, within(1e-6));
    }

    @Test
    void wrongRulesAre422NamingEachFieldAndWriteNothing() {
        Map<String, Object> wrong = new HashMap<>();
        wrong.put("metric", "ERRORS");
        wrong.put("scope", "TOOL");
        wrong.put("windowSeconds", 5);
        wrong.put("sensitivity", 0);
        wrong.put("minCount", 0);
        Response refused = budget.putRule("wrong", wrong);
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.<String>path("type")).isEqualTo("urn:mandate:problem:unprocessable");
        assertThat(refused.jsonPath().getList("violations.field", String.class))
                .containsExactly("metric", "scopeValue", "windowSeconds", "sensitivity", "minCount");

        Response budgetPerTool = budget.putRule(
                "wrong", Map.of("metric", "BUDGET_USE", "scope", "TOOL", "scopeValue", "x", "windowSeconds", 60));
        assertThat(budgetPerTool.statusCode()).isEqualTo(422);
        assertThat(budgetPerTool.jsonPath().getList("violations.field", String.class))
                .containsExactly("scope");
        assertThat(as(budget.admin).get("/api/v1/alerts/rules/wrong").statusCode())
                .isEqualTo(404);
        assertThat(budget.putRule("Not A Name", Map.of("metric", "DENIALS", "windowSeconds", 60))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void rulesAreReadByAuditorsWrittenByAdministratorsWithTheirVersionAndAudited() {
        AlertTenant t = budget;
        Response created = t.putRule("retries", Map.of("metric", "RETRIES", "windowSeconds", 300));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.header("Location")).endsWith("/api/v1/alerts/rules/retries");
        assertThat(created.<Integer>path("baselineWindows")).isEqualTo(6);
        assertThat(created.<Integer>path("minCount")).isEqualTo(3);
        assertThat(created.<String>path("scope")).isEqualTo("TENANT");

        Map<String, Object> changed = Map.of(
                "metric", "RETRIES", "scope", "WORKFLOW", "scopeValue", "ops", "windowSeconds", 300, "enabled", false);
        assertThat(t.putRule("retries", changed).statusCode()).isEqualTo(428);
        assertThat(as(t.admin)
                        .header("If-Match", "\"7\"")
                        .body(changed)
                        .put("/api/v1/alerts/rules/retries")
                        .statusCode())
                .isEqualTo(412);
        Response replaced =
                as(t.admin).header("If-Match", "\"1\"").body(changed).put("/api/v1/alerts/rules/retries");
        assertThat(replaced.statusCode()).as(replaced.asString()).isEqualTo(200);
        assertThat(replaced.header("ETag")).isEqualTo("\"2\"");
        assertThat(replaced.<Boolean>path("enabled")).isFalse();

        assertThat(as(t.auditor).get("/api/v1/alerts/rules/retries").statusCode())
                .isEqualTo(200);
        assertThat(as(t.auditor).get("/api/v1/alerts/rules").jsonPath().getList("items.name"))
                .contains("retries");
        assertThat(as(t.auditor).body(changed).put("/api/v1/alerts/rules/other").statusCode())
                .isEqualTo(403);
        assertThat(as(t.auditor).post("/api/v1/alerts/evaluations").statusCode())
                .isEqualTo(403);
        assertThat(as(t.agentToken).get("/api/v1/alerts").statusCode()).isEqualTo(403);

        assertThat(as(t.admin)
                        .header("If-Match", "\"2\"")
                        .delete("/api/v1/alerts/rules/retries")
                        .statusCode())
                .isEqualTo(204);
        assertThat(as(t.admin).get("/api/v1/alerts/rules/retries").statusCode()).isEqualTo(404);
        List<String> actions =
                as(t.admin).get("/api/v1/audit/records?limit=200").jsonPath().getList("items.action");
        assertThat(actions).contains("alert-rule.created", "alert-rule.changed", "alert-rule.deleted");
    }

    private static void verifySignature(RecordedRequest request) throws GeneralSecurityException {
        String id = request.header("webhook-id");
        long timestamp = Long.parseLong(request.header("webhook-timestamp"));
        assertThat(timestamp)
                .isBetween(Instant.now().getEpochSecond() - 120, Instant.now().getEpochSecond() + 5);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = Base64.getEncoder()
                .encodeToString(
                        mac.doFinal((id + "." + timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("webhook-signature")).isEqualTo("v1," + expected);
    }

    private static String secretKey(String tenant) {
        return "mandate.credentials." + tenant + ".callbacks.key";
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
