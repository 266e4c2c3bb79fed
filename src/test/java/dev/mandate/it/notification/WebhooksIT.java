package dev.mandate.it.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.execution.RecordedRequest;
import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.Database;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signed webhooks on the deployed EAR: subscriptions are written and audited, a test event reaches a local
 * receiver signed so the receiver's own check passes, failures are retried and then delivered, a failed
 * delivery is sent again on request, bad input changes nothing, and tenants never see each other's.
 */
class WebhooksIT extends MandateIT {

    private static final String TENANT = newTenant();
    private static final String ADMIN = Tokens.admin(TENANT);
    /** A second tenant with a secret of its own. */
    private static final String OTHER = newTenant();
    /** A tenant without a signing secret: nothing can be subscribed. */
    private static final String UNSIGNED = newTenant();

    private static final byte[] KEY = randomKey();
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
    private static final String OTHER_SECRET = "whsec_" + Base64.getEncoder().encodeToString(randomKey());

    private static WebhookReceiver receiver;
    /** Every answer a test received, to prove no secret is ever in one. */
    private static final List<String> ANSWERS = new ArrayList<>();

    @BeforeAll
    static void start() {
        receiver = WebhookReceiver.start();
        Asadmin.setProperty("mandate.execution.callback-hosts", "127.0.0.1");
        Asadmin.setProperty(secretKey(TENANT), SECRET);
        Asadmin.setProperty(secretKey(OTHER), OTHER_SECRET);
    }

    @AfterAll
    static void stop() {
        try {
            assertThat(String.join("\n", ANSWERS))
                    .doesNotContain(SECRET.substring("whsec_".length()))
                    .doesNotContain(OTHER_SECRET.substring("whsec_".length()));
        } finally {
            Asadmin.removeProperty("mandate.execution.callback-hosts");
            Asadmin.removeProperty(secretKey(TENANT));
            Asadmin.removeProperty(secretKey(OTHER));
            receiver.close();
        }
    }

    @Test
    void subscriptionsAreCreatedReadReplacedAndDeletedAndEveryChangeIsAudited() {
        Response created = put(ADMIN, "crud", subscription("/hooks/crud", List.of("approval.created")), null);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/webhooks/crud");
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.<String>path("url")).isEqualTo(receiver.url("/hooks/crud"));
        assertThat(created.<List<String>>path("eventTypes")).containsExactly("approval.created");
        assertThat(created.<Boolean>path("enabled")).isTrue();
        assertThat(created.<String>path("createdBy")).isEqualTo("admin@" + TENANT);

        Response read = answer(as(ADMIN).get("/api/v1/webhooks/crud"));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(answer(as(ADMIN).get("/api/v1/webhooks?limit=200")).<List<String>>path("items.name"))
                .contains("crud");

        Map<String, Object> replacement = subscription("/hooks/crud-2", List.of("*"));
        replacement.put("enabled", false);
        assertThat(put(ADMIN, "crud", replacement, null).statusCode()).isEqualTo(428);
        assertThat(put(ADMIN, "crud", replacement, "\"7\"").statusCode()).isEqualTo(412);
        Response replaced = put(ADMIN, "crud", replacement, "\"1\"");
        assertThat(replaced.statusCode()).as(replaced.asString()).isEqualTo(200);
        assertThat(replaced.header("ETag")).isEqualTo("\"2\"");
        assertThat(replaced.<List<String>>path("eventTypes")).containsExactly("*");
        assertThat(replaced.<Boolean>path("enabled")).isFalse();

        // nothing is sent to a disabled subscription, a test neither
        Response disabledTest = answer(as(ADMIN).post("/api/v1/webhooks/crud/test"));
        assertThat(disabledTest.statusCode()).isEqualTo(409);

        assertThat(answer(as(ADMIN).delete("/api/v1/webhooks/crud")).statusCode())
                .isEqualTo(428);
        assertThat(answer(as(ADMIN).header("If-Match", "\"1\"").delete("/api/v1/webhooks/crud"))
                        .statusCode())
                .isEqualTo(412);
        assertThat(answer(as(ADMIN).header("If-Match", "\"2\"").delete("/api/v1/webhooks/crud"))
                        .statusCode())
                .isEqualTo(204);
        assertThat(answer(as(ADMIN).get("/api/v1/webhooks/crud")).statusCode()).isEqualTo(404);
        // a version of one that is gone is stale: it was deleted meanwhile
        assertThat(put(ADMIN, "crud", replacement, "\"2\"").statusCode()).isEqualTo(412);

        JsonPath audit =
                answer(as(ADMIN).get("/api/v1/audit/records?limit=200")).jsonPath();
        List<String> actions = audit.getList("items.action");
        assertThat(actions).contains("webhook.created", "webhook.changed", "webhook.deleted");
        Map<String, String> changed = audit.getMap("items.find { it.action == 'webhook.changed' }.details");
        assertThat(changed)
                .containsEntry("webhook", "crud")
                .containsEntry("before", receiver.url("/hooks/crud") + " [approval.created] enabled")
                .containsEntry("after", receiver.url("/hooks/crud-2") + " [*] disabled");
    }

    @Test
    void aTestEventReachesTheReceiverWithASignatureTheReceiverRecomputes() throws Exception {
        createSubscription(ADMIN, "signed", "/hooks/signed");

        Response sent = answer(as(ADMIN).post("/api/v1/webhooks/signed/test"));
        assertThat(sent.statusCode()).as(sent.asString()).isEqualTo(202);
        String id = sent.path("id");
        assertThat(sent.header("Location")).endsWith("/api/v1/webhooks/deliveries/" + id);
        assertThat(sent.<String>path("subscription")).isEqualTo("signed");
        assertThat(sent.<String>path("type")).isEqualTo("webhook.test");

        JsonPath delivered = awaitDelivery(ADMIN, id, "DELIVERED", Duration.ofSeconds(20));
        assertThat(delivered.getInt("attempts")).isEqualTo(1);
        assertThat(delivered.getInt("lastHttpStatus")).isEqualTo(204);
        assertThat(delivered.getString("deliveredAt")).isNotNull();

        List<RecordedRequest> received = receiver.requests("/hooks/signed");
        assertThat(received).hasSize(1);
        RecordedRequest request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("webhook-id")).isEqualTo(id);
        long timestamp = Long.parseLong(request.header("webhook-timestamp"));
        assertThat(timestamp)
                .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 5);
        assertThat(request.header("webhook-signature"))
                .isEqualTo("v1," + hmac(KEY, id + "." + timestamp + "." + request.body()));
        assertThat(request.header("webhook-signature"))
                .as("signed with another tenant's secret it would not verify")
                .isNotEqualTo("v1,"
                        + hmac(
                                Base64.getDecoder().decode(OTHER_SECRET.substring(6)),
                                id + "." + timestamp + "." + request.body()));
        JsonPath body = JsonPath.from(request.body());
        assertThat(body.getString("type")).isEqualTo("webhook.test");
        assertThat(Instant.parse(body.getString("timestamp")))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(body.getString("data.webhook")).isEqualTo("signed");
        assertThat(request.body()).doesNotContain(SECRET.substring(6));
    }

    @Test
    void aReceiverAnswering500TwiceIsTriedAgainThenDeliveredUnderTheSameId() {
        createSubscription(ADMIN, "flaky", "/hooks/flaky");
        receiver.failNext("/hooks/flaky", 2, 500);

        String id = answer(as(ADMIN).post("/api/v1/webhooks/flaky/test")).path("id");

        JsonPath delivered = awaitDelivery(ADMIN, id, "DELIVERED", Duration.ofSeconds(40));
        assertThat(delivered.getInt("attempts")).isEqualTo(3);
        assertThat(delivered.getInt("lastHttpStatus")).isEqualTo(204);
        assertThat(delivered.getString("lastError")).isNull();
        List<RecordedRequest> received = receiver.requests("/hooks/flaky");
        assertThat(received).hasSize(3);
        assertThat(received).extracting(r -> r.header("webhook-id")).containsOnly(id);
        assertThat(received)
                .extracting(RecordedRequest::body)
                .containsOnly(received.get(0).body());

        JsonPath log = answer(as(ADMIN).get("/api/v1/webhooks/deliveries?type=webhook.test&limit=200"))
                .jsonPath();
        assertThat(log.getInt("items.find { it.id == '" + id + "' }.attempts")).isEqualTo(3);
        assertThat(log.getString("items.find { it.id == '" + id + "' }.status")).isEqualTo("DELIVERED");
    }

    @Test
    void aFailedDeliveryIsSentAgainOnRequest() {
        createSubscription(ADMIN, "down", "/hooks/down");
        receiver.failNext("/hooks/down", Integer.MAX_VALUE, 500);
        String id;
        Asadmin.setProperty("mandate.notifications.max-attempts", "2");
        try {
            id = answer(as(ADMIN).post("/api/v1/webhooks/down/test")).path("id");
        } finally {
            Asadmin.removeProperty("mandate.notifications.max-attempts");
        }

        JsonPath failed = awaitDelivery(ADMIN, id, "FAILED", Duration.ofSeconds(30));
        assertThat(failed.getInt("attempts")).isEqualTo(2);
        assertThat(failed.getString("lastError")).isEqualTo("HTTP 500");
        assertThat(failed.getInt("lastHttpStatus")).isEqualTo(500);
        assertThat(failed.getString("nextAttemptAt")).isNull();
        assertThat(receiver.requests("/hooks/down")).hasSize(2);

        // an auditor reads the log but does not send anything
        String auditor = Tokens.of(TENANT, "auditor@" + TENANT, Tokens.AUDITOR);
        assertThat(answer(as(auditor).get("/api/v1/webhooks/deliveries/" + id)).statusCode())
                .isEqualTo(200);
        assertThat(answer(as(auditor).post("/api/v1/webhooks/deliveries/" + id + "/redeliver"))
                        .statusCode())
                .isEqualTo(403);

        receiver.heal("/hooks/down");
        Response again = answer(as(ADMIN).post("/api/v1/webhooks/deliveries/" + id + "/redeliver"));
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(202);
        assertThat(again.<String>path("id")).isEqualTo(id);

        JsonPath delivered = awaitDelivery(ADMIN, id, "DELIVERED", Duration.ofSeconds(20));
        assertThat(delivered.getInt("attempts")).isEqualTo(3);
        List<RecordedRequest> received = receiver.requests("/hooks/down");
        assertThat(received).hasSize(3);
        assertThat(received).extracting(r -> r.header("webhook-id")).containsOnly(id);

        // a delivered one may be sent again too; one whose subscription is gone may not
        assertThat(answer(as(ADMIN).post("/api/v1/webhooks/deliveries/" + id + "/redeliver"))
                        .statusCode())
                .isEqualTo(202);
        awaitDelivery(ADMIN, id, "DELIVERED", Duration.ofSeconds(20));
        awaitRequests("/hooks/down", 4);
        String etag = answer(as(ADMIN).get("/api/v1/webhooks/down")).header("ETag");
        as(ADMIN)
                .header("If-Match", etag)
                .delete("/api/v1/webhooks/down")
                .then()
                .statusCode(204);
        Response orphan = answer(as(ADMIN).post("/api/v1/webhooks/deliveries/" + id + "/redeliver"));
        assertThat(orphan.statusCode()).isEqualTo(409);
        assertThat(orphan.<String>path("detail")).contains("deleted");
    }

    @Test
    void whatWaitsForADeletedSubscriptionIsNeverSent() {
        createSubscription(ADMIN, "removed", "/hooks/removed");
        receiver.failNext("/hooks/removed", Integer.MAX_VALUE, 503);
        String id = answer(as(ADMIN).post("/api/v1/webhooks/removed/test")).path("id");
        awaitRequests("/hooks/removed", 1);
        JsonPath waiting = awaitDelivery(ADMIN, id, "PENDING", Duration.ofSeconds(5));
        assertThat(Instant.parse(waiting.getString("nextAttemptAt")))
                .isAfter(Instant.now().plusSeconds(WebhookReceiver.RETRY_AFTER_SECONDS - 10));

        String etag = answer(as(ADMIN).get("/api/v1/webhooks/removed")).header("ETag");
        as(ADMIN)
                .header("If-Match", etag)
                .delete("/api/v1/webhooks/removed")
                .then()
                .statusCode(204);

        // the 503 asked for 30 s: the delivery waits, and the deletion fails it at once
        JsonPath failed = awaitDelivery(ADMIN, id, "FAILED", Duration.ofSeconds(5));
        assertThat(failed.getString("lastError")).isEqualTo("the subscription was deleted; not sent");
        assertThat(failed.getInt("lastHttpStatus")).isEqualTo(503);
        assertThat(failed.getString("subscription")).isEqualTo("removed");
        assertThat(receiver.requests("/hooks/removed")).hasSize(1);
    }

    @Test
    void theLogPagesNewestFirstWithACursorAndFilters() {
        createSubscription(ADMIN, "paged", "/hooks/paged");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(answer(as(ADMIN).post("/api/v1/webhooks/paged/test")).path("id"));
        }
        sent.forEach(id -> awaitDelivery(ADMIN, id, "DELIVERED", Duration.ofSeconds(20)));

        List<Map<String, Object>> whole = answer(as(ADMIN).get("/api/v1/webhooks/deliveries?limit=200"))
                .jsonPath()
                .getList("items");
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            Response page = answer(
                    as(ADMIN).get("/api/v1/webhooks/deliveries?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.<List<?>>path("items").size()).isBetween(1, 2);
            paged.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);

        assertThat(paged)
                .doesNotHaveDuplicates()
                .containsExactlyElementsOf(
                        whole.stream().map(item -> (String) item.get("id")).toList());
        assertThat(paged).containsAll(sent);
        List<Instant> created = whole.stream()
                .map(item -> Instant.parse((String) item.get("createdAt")))
                .toList();
        for (int i = 1; i < created.size(); i++) {
            assertThat(created.get(i)).isBeforeOrEqualTo(created.get(i - 1));
        }
        assertThat(paged.indexOf(sent.get(4))).isLessThan(paged.indexOf(sent.get(0)));

        List<String> delivered = answer(as(ADMIN).get("/api/v1/webhooks/deliveries?status=DELIVERED&limit=200"))
                .path("items.status");
        assertThat(delivered).isNotEmpty().containsOnly("DELIVERED");
        assertThat(answer(as(ADMIN).get("/api/v1/webhooks/deliveries?status=PENDING&type=approval.created"))
                        .<List<?>>path("items"))
                .isEmpty();
    }

    @Test
    void badInputIsAPrecise4xxAndChangesNothing() {
        createSubscription(ADMIN, "kept", "/hooks/kept");
        String etag = answer(as(ADMIN).get("/api/v1/webhooks/kept")).header("ETag");
        long before = footprint(TENANT);
        String valid = "{\"url\":\"" + receiver.url("/hooks/x") + "\",\"eventTypes\":[\"approval.created\"]}";

        refused(putRaw("fresh", "{\"url\":"), 400, "malformed-json");
        refused(
                putRaw("fresh", "{\"url\":\"" + "x".repeat(300_000) + "\",\"eventTypes\":[\"*\"]}"),
                413,
                "payload-too-large");
        refused(putRaw("fresh", valid.replace("}", ",\"secret\":\"mine\"}")), 400, "validation-failed");
        refused(
                putRaw("fresh", valid.replace("[\"approval.created\"]", "\"approval.created\"")),
                400,
                "validation-failed");
        refused(putRaw("fresh", "{\"eventTypes\":[\"*\"]}"), 400, "validation-failed");
        refused(putRaw("fresh", valid.replace("[\"approval.created\"]", "[]")), 400, "validation-failed");
        refused(putRaw("fresh", valid.replace("/hooks/x", "/hooks/\\u0000")), 400, "validation-failed");
        refused(putRaw("fresh", valid.replace("approval.created", "\\ud800")), 400, "validation-failed");
        for (String name : List.of("Upper", "with%20space", "-dash", "a".repeat(101), "%C3%A9", "a%00")) {
            Response refusal = refused(putRaw(name, valid), 400, "validation-failed");
            assertThat(refusal.<List<String>>path("violations.field")).containsExactly("name");
        }
        // the delivery log's path is no subscription's name
        assertThat(putRaw("deliveries", valid).statusCode()).isIn(400, 405);
        Response unknownType =
                refused(putRaw("fresh", valid.replace("approval.created", "approval.exploded")), 422, "unprocessable");
        assertThat(unknownType.<List<String>>path("violations.field")).containsExactly("eventTypes[0]");
        refused(
                putRaw("fresh", valid.replace("[\"approval.created\"]", "[\"*\",\"approval.created\"]")),
                422,
                "unprocessable");
        for (String url : List.of(
                "http://169.254.169.254/latest/meta-data",
                "ftp://127.0.0.1/hooks",
                "http://user:pw@127.0.0.1/hooks",
                "/hooks/relative",
                "http://127.0.0.1:1/a b")) {
            Response refusal =
                    refused(putRaw("fresh", valid.replace(receiver.url("/hooks/x"), url)), 422, "unprocessable");
            assertThat(refusal.<List<String>>path("violations.field")).containsExactly("url");
        }
        // a change of an existing one refused the same way leaves it as it was
        refused(
                answer(as(ADMIN)
                        .header("If-Match", etag)
                        .body(valid.replace("approval.created", "nope.nope"))
                        .put("/api/v1/webhooks/kept")),
                422,
                "unprocessable");

        refused(answer(as(ADMIN).get("/api/v1/webhooks/deliveries?status=LOST")), 400, "validation-failed");
        refused(answer(as(ADMIN).get("/api/v1/webhooks/deliveries?type=DROP%20TABLE")), 400, "validation-failed");
        refused(answer(as(ADMIN).get("/api/v1/webhooks/deliveries?limit=0")), 400, "validation-failed");
        refused(answer(as(ADMIN).get("/api/v1/webhooks/deliveries?limit=abc")), 400, "validation-failed");
        refused(answer(as(ADMIN).get("/api/v1/webhooks/deliveries?cursor=bm9wZQ")), 400, "validation-failed");
        refused(
                answer(as(ADMIN).post("/api/v1/webhooks/deliveries/" + UUID.randomUUID() + "/redeliver")),
                404,
                "not-found");
        refused(answer(as(ADMIN).post("/api/v1/webhooks/absent/test")), 404, "not-found");
        refused(answer(as(ADMIN).header("If-Match", "\"1\"").delete("/api/v1/webhooks/absent")), 404, "not-found");

        // who may not: agents, approvers and auditors do not write; agents and approvers do not read the log
        String agent = Tokens.agent(TENANT, UUID.randomUUID().toString());
        String approver = Tokens.of(TENANT, "approver@" + TENANT, Tokens.APPROVER);
        String auditor = Tokens.of(TENANT, "auditor@" + TENANT, Tokens.AUDITOR);
        for (String token : List.of(agent, approver, auditor)) {
            assertThat(answer(as(token).body(valid).put("/api/v1/webhooks/fresh"))
                            .statusCode())
                    .isEqualTo(403);
            assertThat(answer(as(token).get("/api/v1/webhooks")).statusCode()).isEqualTo(403);
            assertThat(answer(as(token).post("/api/v1/webhooks/kept/test")).statusCode())
                    .isEqualTo(403);
        }
        assertThat(answer(as(agent).get("/api/v1/webhooks/deliveries")).statusCode())
                .isEqualTo(403);
        assertThat(answer(as(approver).get("/api/v1/webhooks/deliveries")).statusCode())
                .isEqualTo(403);
        assertThat(answer(anonymous().get("/api/v1/webhooks/deliveries")).statusCode())
                .isEqualTo(401);

        // a tenant without a signing secret subscribes nothing
        Response unsigned = answer(as(Tokens.admin(UNSIGNED)).body(valid).put("/api/v1/webhooks/fresh"));
        refused(unsigned, 422, "unprocessable");
        assertThat(unsigned.<String>path("detail")).contains("signing secret");

        assertThat(footprint(TENANT)).isEqualTo(before);
        assertThat(footprint(UNSIGNED)).isZero();
        Response kept = answer(as(ADMIN).get("/api/v1/webhooks/kept"));
        assertThat(kept.header("ETag")).isEqualTo(etag);
        assertThat(kept.<List<String>>path("eventTypes")).containsExactly("approval.created", "approval.decided");
    }

    @Test
    void tenantsNeverSeeOrTouchEachOthersWebhooks() {
        createSubscription(ADMIN, "shared-name", "/hooks/mine");
        String mine =
                answer(as(ADMIN).post("/api/v1/webhooks/shared-name/test")).path("id");
        awaitDelivery(ADMIN, mine, "DELIVERED", Duration.ofSeconds(20));
        String otherAdmin = Tokens.admin(OTHER);

        assertThat(answer(as(otherAdmin).get("/api/v1/webhooks/shared-name")).statusCode())
                .isEqualTo(404);
        assertThat(answer(as(otherAdmin).header("If-Match", "\"1\"").delete("/api/v1/webhooks/shared-name"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(answer(as(otherAdmin).post("/api/v1/webhooks/shared-name/test"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(answer(as(otherAdmin).get("/api/v1/webhooks/deliveries/" + mine))
                        .statusCode())
                .isEqualTo(404);
        assertThat(answer(as(otherAdmin).post("/api/v1/webhooks/deliveries/" + mine + "/redeliver"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(answer(as(otherAdmin).get("/api/v1/webhooks")).<List<?>>path("items"))
                .isEmpty();
        assertThat(answer(as(otherAdmin).get("/api/v1/webhooks/deliveries")).<List<?>>path("items"))
                .isEmpty();
        // a cursor names a place in a log, never another tenant's rows
        String myCursor =
                answer(as(ADMIN).get("/api/v1/webhooks/deliveries?limit=1")).path("nextCursor");
        if (myCursor != null) {
            assertThat(answer(as(otherAdmin).get("/api/v1/webhooks/deliveries?cursor=" + myCursor))
                            .<List<?>>path("items"))
                    .isEmpty();
        }

        // the same name in the other tenant is a subscription of its own, signed with its own secret
        Response theirs = put(otherAdmin, "shared-name", subscription("/hooks/theirs", List.of("*")), null);
        assertThat(theirs.statusCode()).as(theirs.asString()).isEqualTo(201);
        String theirDelivery =
                answer(as(otherAdmin).post("/api/v1/webhooks/shared-name/test")).path("id");
        awaitDelivery(otherAdmin, theirDelivery, "DELIVERED", Duration.ofSeconds(20));
        RecordedRequest theirRequest = receiver.requests("/hooks/theirs").get(0);
        String signed = theirRequest.header("webhook-id") + "." + theirRequest.header("webhook-timestamp") + "."
                + theirRequest.body();
        assertThat(theirRequest.header("webhook-signature"))
                .isEqualTo("v1," + hmac(Base64.getDecoder().decode(OTHER_SECRET.substring(6)), signed))
                .isNotEqualTo("v1," + hmac(KEY, signed));

        Response still = answer(as(ADMIN).get("/api/v1/webhooks/shared-name"));
        assertThat(still.<String>path("url")).isEqualTo(receiver.url("/hooks/mine"));
        assertThat(answer(as(ADMIN).get("/api/v1/webhooks/deliveries/" + theirDelivery))
                        .statusCode())
                .isEqualTo(404);
        assertThat(receiver.requests("/hooks/mine")).hasSize(1);
    }

    // --- helpers

    private static Map<String, Object> subscription(String path, List<String> eventTypes) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", receiver.url(path));
        body.put("eventTypes", eventTypes);
        body.put("enabled", true);
        return body;
    }

    private static void createSubscription(String admin, String name, String path) {
        Response created = put(admin, name, subscription(path, List.of("approval.created", "approval.decided")), null);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    }

    private static Response put(String token, String name, Map<String, Object> body, String ifMatch) {
        var request = as(token).body(body);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return answer(request.put("/api/v1/webhooks/" + name));
    }

    private static Response putRaw(String name, String body) {
        return answer(as(ADMIN).body(body).put("/api/v1/webhooks/" + name));
    }

    private static Response refused(Response response, int status, String type) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>path("type")).isEqualTo("urn:mandate:problem:" + type);
        return response;
    }

    private static synchronized Response answer(Response response) {
        ANSWERS.add(response.asString());
        ANSWERS.add(response.headers().toString());
        return response;
    }

    private static JsonPath awaitDelivery(String token, String id, String status, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            Response read = answer(as(token).get("/api/v1/webhooks/deliveries/" + id));
            assertThat(read.statusCode()).as(read.asString()).isEqualTo(200);
            if (status.equals(read.path("status")) || Instant.now().isAfter(deadline)) {
                assertThat(read.<String>path("status")).as(read.asString()).isEqualTo(status);
                return read.jsonPath();
            }
            sleep(200);
        }
    }

    private static void awaitRequests(String path, int count) {
        waitFor(() -> receiver.requests(path).size() >= count, Duration.ofSeconds(20));
        assertThat(receiver.requests(path)).hasSize(count);
    }

    private static void waitFor(Supplier<Boolean> condition, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (!condition.get() && Instant.now().isBefore(deadline)) {
            sleep(200);
        }
    }

    /** What the API writes for a tenant: subscriptions, deliveries, audit records, the tenant row and more. */
    private static long footprint(String tenant) {
        return Database.footprint(tenant)
                + Database.rows("webhook_subscription", tenant)
                + Database.rows("webhook_delivery", tenant);
    }

    private static String secretKey(String tenant) {
        return "mandate.credentials." + tenant + ".callbacks.key";
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The receiver's own check: HMAC-SHA256 over id.timestamp.body, base64. */
    private static String hmac(byte[] key, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
