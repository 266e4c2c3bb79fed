package dev.mandate.it.people;

import static dev.mandate.it.people.PeopleSetup.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.execution.RecordedRequest;
import dev.mandate.it.execution.StubToolServer;
import dev.mandate.it.notification.WebhookReceiver;
import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A portal subscribed to the approval and escalation events, and an agent that asked to be called back,
 * hear of each step as it happens, signed the Standard Webhooks way.
 */
class PeopleNotificationsIT extends MandateIT {

    private static final byte[] KEY = new byte[32];
    private static StubToolServer stub;
    private static WebhookReceiver receiver;
    private static PeopleSetup setup;

    @BeforeAll
    static void start() {
        new SecureRandom().nextBytes(KEY);
        stub = StubToolServer.start();
        receiver = WebhookReceiver.start();
        setup = new PeopleSetup(stub);
        Asadmin.setProperty("mandate.execution.callback-hosts", "127.0.0.1");
        Asadmin.setProperty(
                "mandate.credentials." + setup.tenant + ".callbacks.key",
                "whsec_" + Base64.getEncoder().encodeToString(KEY));
    }

    @AfterAll
    static void stop() {
        Asadmin.removeProperty("mandate.execution.callback-hosts");
        Asadmin.removeProperty("mandate.credentials." + setup.tenant + ".callbacks.key");
        receiver.close();
        stub.close();
    }

    @Test
    void thePortalAndTheAgentHearOfEveryStepSigned() throws Exception {
        Response subscribed = as(setup.admin)
                .body(Map.of(
                        "url",
                        receiver.url("/portal"),
                        "eventTypes",
                        List.of("approval.created", "approval.decided", "escalation.created", "escalation.resolved"),
                        "enabled",
                        true))
                .put("/api/v1/webhooks/portal");
        assertThat(subscribed.statusCode()).as(subscribed.asString()).isEqualTo(201);

        Map<String, Object> payment = setup.payment(Map.of("invoice", "INV-N1", "amount", 300));
        payment.put("callbackUrl", receiver.url("/agent"));
        Response requested = setup.submit(payment);
        assertThat(requested.<String>path("decision")).as(requested.asString()).isEqualTo("REQUIRE_APPROVAL");
        String id = requested.path("approval.id");
        RecordedRequest created = await("/portal", "approval.created");
        assertThat(created.body()).contains(id, "\"slaClass\":\"standard\"");
        assertSigned(created);

        as(setup.alice)
                .body(Map.of("reason", "ok"))
                .post("/api/v1/approvals/" + id + "/approve")
                .then()
                .statusCode(200);
        RecordedRequest decided = await("/portal", "approval.decided");
        assertThat(decided.body()).contains("\"status\":\"APPROVED\"", "alice@example.com");
        assertSigned(decided);
        RecordedRequest toAgent = await("/agent", "approval.decided");
        assertThat(toAgent.body()).contains(id, "APPROVED");
        assertSigned(toAgent);
        RecordedRequest executed = await("/agent", "execution.ended");
        assertThat(executed.body()).contains("SUCCEEDED");

        Response deliveries = as(setup.admin).get("/api/v1/webhooks/deliveries?type=approval.created");
        assertThat(deliveries.<List<String>>path("items.status")).containsExactly("DELIVERED");

        Fixtures.policyRule(
                setup.admin,
                "large-payments-escalate",
                Map.of(
                        "kind", "EXPRESSION",
                        "expression", "task.action == 'pay' && args.amount > 5000.0",
                        "effect", "ESCALATE",
                        "reason", "large payments go to the payments desk"));
        Response escalated = setup.submit(setup.payment(Map.of("invoice", "INV-N2", "amount", 6000)));
        String item = escalated.path("escalation.id");
        assertThat(await("/portal", "escalation.created").body()).contains(item);
        as(setup.bob).post("/api/v1/escalations/" + item + "/claim").then().statusCode(200);
        as(setup.bob)
                .body(Map.of("resolution", "REJECT", "reason", "not this quarter"))
                .post("/api/v1/escalations/" + item + "/resolve")
                .then()
                .statusCode(200);
        RecordedRequest resolved = await("/portal", "escalation.resolved");
        assertThat(resolved.body()).contains(item, "\"resolution\":\"REJECT\"", "not this quarter");
        assertSigned(resolved);
    }

    private static RecordedRequest await(String path, String type) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            for (RecordedRequest request : receiver.requests(path)) {
                if (request.body().contains("\"type\":\"" + type + "\"")) {
                    return request;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + type + " at " + path + " within 20 s: " + receiver.requests(path));
    }

    private static void assertSigned(RecordedRequest request) throws Exception {
        String id = request.header("webhook-id");
        String timestamp = request.header("webhook-timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = Base64.getEncoder()
                .encodeToString(
                        mac.doFinal((id + "." + timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("webhook-signature")).isEqualTo("v1," + expected);
    }
}
