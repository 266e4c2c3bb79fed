package dev.mandate.it.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.MandateIT;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The demo's stand-in tools on the deployed EAR (the test domain runs in demo mode, as the quick start
 * does): effects once per idempotency key, the probe by key, the misbehaviour knobs, the ERP's API key,
 * the effect log, and nothing at all where demo mode is off. Each test uses tools and keys of its own:
 * the stand-ins' memory is the server's.
 */
class DemoToolsIT extends MandateIT {

    /** The default in the EJB jar's MP Config: credential demo-erp of the demo tenant. */
    private static final String DEMO_ERP_KEY = "demo-erp-key-not-a-secret";

    private static String newTool() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RequestSpecification tools() {
        return anonymous().basePath("/demo-tools");
    }

    private static Response act(String tool, String key, Object body) {
        return tools().header("Idempotency-Key", key).body(body).post("/" + tool + "/orders");
    }

    @Test
    void anActionTakesEffectOncePerKeyAndTheToolCanBeAskedByKey() {
        String tool = newTool();
        String key = UUID.randomUUID().toString();

        Response first = act(tool, key, Map.of("amount", 500));
        Response again = act(tool, key, Map.of("amount", 500));

        first.then()
                .statusCode(201)
                .body("effectId", startsWith(tool + "-"))
                .body("key", equalTo(key))
                .body("received.amount", equalTo(500));
        again.then().statusCode(200);
        assertThat(again.asString()).isEqualTo(first.asString());
        Response probe = tools().get("/" + tool + "/by-key/" + key);
        probe.then().statusCode(200);
        assertThat(probe.asString()).isEqualTo(first.asString());
        tools().get("/" + tool + "/by-key/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        tools().queryParam("tool", tool)
                .get("/effects")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].key", equalTo(key))
                .body("items[0].attempts", equalTo(2))
                .body("items[0].received.amount", equalTo(500));
    }

    @Test
    void readsEchoWhatWasAsked() {
        String tool = newTool();
        tools().get("/" + tool + "/search?q=refund policy")
                .then()
                .statusCode(200)
                .body("query.q", equalTo("refund policy"))
                .body("read", equalTo(1));
        tools().get("/control").then().statusCode(200).body(tool + ".reads", equalTo(1));
    }

    @Test
    void theErpWantsTheDemoApiKey() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> payment = Map.of("invoiceId", "INV-1", "amount", 500, "currency", "EUR");

        tools().header("Idempotency-Key", key)
                .body(payment)
                .post("/erp/payments")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        tools().header("Idempotency-Key", key)
                .header("X-Api-Key", "guessed")
                .body(payment)
                .post("/erp/payments")
                .then()
                .statusCode(401);
        tools().header("Idempotency-Key", key)
                .header("X-Api-Key", DEMO_ERP_KEY)
                .body(payment)
                .post("/erp/payments")
                .then()
                .statusCode(201)
                .body("received.invoiceId", equalTo("INV-1"));
        tools().header("X-Api-Key", DEMO_ERP_KEY)
                .get("/erp/by-key/" + key)
                .then()
                .statusCode(200);
    }

    @Test
    void aFailingToolAppliesNothing() {
        String tool = newTool();
        String key = UUID.randomUUID().toString();
        tools().body(Map.of("failNext", 1, "failStatus", 503))
                .put("/control/" + tool)
                .then()
                .statusCode(200)
                .body("failNext", equalTo(1))
                .body("honourKeys", equalTo(true));

        act(tool, key, Map.of()).then().statusCode(503).header("Retry-After", "1");
        tools().get("/" + tool + "/by-key/" + key).then().statusCode(404);
        act(tool, key, Map.of()).then().statusCode(201);
    }

    @Test
    void aHangingToolHasAppliedTheEffectWhenTheCallerGivesUp() throws Exception {
        String tool = newTool();
        String key = UUID.randomUUID().toString();
        tools().body(Map.of("hangAfterEffect", 1, "hangMillis", 2000))
                .put("/control/" + tool)
                .then()
                .statusCode(200);
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE_URL + "/demo-tools/" + tool + "/orders"))
                .header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMillis(500))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(HttpTimeoutException.class);
        tools().get("/" + tool + "/by-key/" + key).then().statusCode(200).body("key", equalTo(key));
    }

    @Test
    void aToolThatIgnoresKeysTakesEffectEveryTimeAndCannotBeAsked() {
        String tool = newTool();
        String key = UUID.randomUUID().toString();
        tools().body(Map.of("honourKeys", false)).put("/control/" + tool).then().statusCode(200);

        act(tool, key, Map.of()).then().statusCode(201);
        act(tool, key, Map.of()).then().statusCode(201);

        tools().get("/" + tool + "/by-key/" + key).then().statusCode(501);
        tools().queryParam("tool", tool).get("/effects").then().body("items.size()", equalTo(2));

        tools().delete("/control/" + tool).then().statusCode(204);
        tools().get("/control").then().body(tool + ".behaviour.honourKeys", equalTo(true));
    }

    @Test
    void hugeAndBrokenAnswers() {
        String tool = newTool();
        tools().body(Map.of("hugeBodyBytes", 1_000_000)).put("/control/" + tool);
        assertThat(tools().get("/" + tool + "/x").asByteArray()).hasSize(1_000_000);

        tools().body(Map.of("invalidJson", true)).put("/control/" + tool);
        assertThat(tools().get("/" + tool + "/x").asString()).isEqualTo("{\"effectId\": oops");
    }

    @Test
    void badInputIsAPreciseProblem() {
        tools().body(Map.of("delayMillis", 999_999, "failStatus", 200, "explode", true))
                .put("/control/" + newTool())
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:mandate:problem:validation-failed"))
                .body("violations.field", hasItems("delayMillis", "failStatus", "explode"));
        tools().body("x".repeat(40_000))
                .post("/" + newTool() + "/orders")
                .then()
                .statusCode(413)
                .body("type", equalTo("urn:mandate:problem:payload-too-large"));
        tools().body("[1,")
                .put("/control/" + newTool())
                .then()
                .statusCode(400)
                .body("violations.field", equalTo(List.of("body")));
    }

    @Test
    void withoutDemoModeNothingIsThere() {
        String tool = newTool();
        Asadmin.setProperty("mandate.demo.enabled", "false");
        try {
            tools().get("/effects")
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:mandate:problem:not-found"));
            act(tool, UUID.randomUUID().toString(), Map.of()).then().statusCode(404);
            tools().body(Map.of("failNext", 1)).put("/control/" + tool).then().statusCode(404);
        } finally {
            Asadmin.setProperty("mandate.demo.enabled", "true");
        }
        tools().queryParam("tool", tool).get("/effects").then().statusCode(200).body("items.size()", equalTo(0));
    }
}
