package dev.mandate.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the audit records, who may see it, and that exports verify offline. */
class AuditIT extends MandateIT {

    private final String tenant = newTenant();
    private final String admin = Tokens.admin(tenant);
    private final String auditor = Tokens.of(tenant, "auditor@" + tenant, Tokens.AUDITOR);

    @TempDir
    Path dir;

    @Test
    void everyAdminChangeOfAgentsAndRolesIsAuditedWithBeforeAndAfter() {
        Fixtures.Created agent = Fixtures.agent(admin, "audited-bot");
        Response updated = as(admin)
                .header("If-Match", agent.etag())
                .body(Map.of("name", "audited-bot", "sponsor", "carol@example.com", "description", "v2"))
                .put("/api/v1/agents/" + agent.id());
        assertThat(updated.statusCode()).isEqualTo(200);
        Response suspended = as(admin)
                .header("If-Match", updated.header("ETag"))
                .body(Map.of("status", "SUSPENDED", "reason", "investigating ticket 42"))
                .put("/api/v1/agents/" + agent.id() + "/status");
        assertThat(suspended.statusCode()).isEqualTo(200);
        Fixtures.Created role = Fixtures.role(admin, "triage", false);
        Fixtures.Created assignment = Fixtures.assignment(admin, role.id(), "AGENT", agent.id());
        as(admin)
                .delete("/api/v1/roles/" + role.id() + "/assignments/" + assignment.id())
                .then()
                .statusCode(204);
        Response roleNow = as(admin).get("/api/v1/roles/" + role.id());
        as(admin)
                .header("If-Match", roleNow.header("ETag"))
                .body(Map.of("name", "triage-2", "approver", false, "permissions", List.of()))
                .put("/api/v1/roles/" + role.id())
                .then()
                .statusCode(200);
        Response roleAfter = as(admin).get("/api/v1/roles/" + role.id());
        as(admin)
                .header("If-Match", roleAfter.header("ETag"))
                .delete("/api/v1/roles/" + role.id())
                .then()
                .statusCode(204);
        Response current = as(admin).get("/api/v1/agents/" + agent.id());
        as(admin)
                .header("If-Match", current.header("ETag"))
                .queryParam("reason", "retired")
                .delete("/api/v1/agents/" + agent.id())
                .then()
                .statusCode(204);

        List<Map<String, Object>> ofAgent = AuditSupport.records(admin, agent.id());
        assertThat(ofAgent)
                .extracting(r -> r.get("action"))
                .containsExactly(
                        "agent.created",
                        "agent.updated",
                        "agent.status-changed",
                        "role.assigned",
                        "role.unassigned",
                        "agent.deprovisioned");
        assertThat(ofAgent).allSatisfy(r -> {
            assertThat(r.get("actor")).isEqualTo("admin@" + tenant);
            assertThat(r.get("outcome")).isEqualTo("OK");
            assertThat((String) r.get("hash")).hasSize(64);
        });
        @SuppressWarnings("unchecked")
        Map<String, String> update = (Map<String, String>) ofAgent.get(1).get("details");
        assertThat(update.get("before")).contains("sponsor=[EMAIL]", "version=1");
        assertThat(update.get("after")).contains("description=v2");
        @SuppressWarnings("unchecked")
        Map<String, String> status = (Map<String, String>) ofAgent.get(2).get("details");
        assertThat(status).containsEntry("reason", "investigating ticket 42");
        assertThat(status.get("before")).contains("status=ACTIVE");
        assertThat(status.get("after")).contains("status=SUSPENDED");
        assertThat(ofAgent)
                .extracting(r -> r.get("chain"))
                .as("one agent, one chain")
                .containsOnly(ofAgent.get(0).get("chain"));
        AuditSupport.assertGaplessChains(AuditSupport.records(admin, null));

        List<Map<String, Object>> all = AuditSupport.records(admin, null);
        assertThat(all).extracting(r -> r.get("action")).contains("role.created", "role.updated", "role.deleted");
        assertThat(AuditSupport.verify(admin).getBoolean("valid")).isTrue();
    }

    @Test
    void recordsFilterAndPage() {
        Fixtures.Created first = Fixtures.agent(admin, "filter-a");
        Fixtures.agent(admin, "filter-b");
        Fixtures.agent(admin, "filter-c");
        as(admin)
                .queryParam("action", "agent.created")
                .queryParam("limit", 2)
                .get("/api/v1/audit/records")
                .then()
                .statusCode(200);
        JsonPath page = as(admin)
                .queryParam("action", "agent.created")
                .queryParam("limit", 2)
                .get("/api/v1/audit/records")
                .jsonPath();
        assertThat(page.getLong("total")).isEqualTo(3);
        assertThat(page.getList("items")).hasSize(2);
        JsonPath second = as(admin)
                .queryParam("action", "agent.created")
                .queryParam("limit", 2)
                .queryParam("offset", 2)
                .get("/api/v1/audit/records")
                .jsonPath();
        assertThat(second.getList("items")).hasSize(1);
        assertThat(as(admin)
                        .queryParam("agentId", first.id())
                        .get("/api/v1/audit/records")
                        .jsonPath()
                        .getLong("total"))
                .isEqualTo(1);
        assertThat(as(admin)
                        .queryParam("traceId", "no-such-trace")
                        .get("/api/v1/audit/records")
                        .jsonPath()
                        .getLong("total"))
                .isZero();
        as(admin)
                .queryParam("limit", "many")
                .get("/api/v1/audit/records")
                .then()
                .statusCode(400);
        as(admin)
                .queryParam("agentId", "x".repeat(129))
                .get("/api/v1/audit/records")
                .then()
                .statusCode(400);
    }

    @Test
    void sealingOnDemandIsAuditedAndCoveredByTheCheckpoints() {
        Fixtures.agent(admin, "sealed-bot");
        Response sealed = as(admin).post("/api/v1/audit/checkpoints");
        assertThat(sealed.statusCode()).as(sealed.asString()).isEqualTo(200);
        assertThat(sealed.jsonPath().getList("")).isNotEmpty();
        assertThat(sealed.jsonPath().getString("[0].signature")).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        JsonPath verification = AuditSupport.verify(admin);
        assertThat(verification.getBoolean("valid")).isTrue();
        assertThat(verification.getLong("checkpointsChecked"))
                .isEqualTo(sealed.jsonPath().getList("").size());
        assertThat(verification.getLong("recordsChecked")).isEqualTo(2);
        assertThat(AuditSupport.records(admin, null))
                .extracting(r -> r.get("action"))
                .contains("audit.sealed");

        // nothing new: sealing again writes only the checkpoint of its own audit record
        Response again = as(admin).post("/api/v1/audit/checkpoints");
        assertThat(again.jsonPath().getList("")).hasSize(1);
        assertThat(AuditSupport.verify(admin).getLong("checkpointsChecked"))
                .isEqualTo(sealed.jsonPath().getList("").size() + 1);
    }

    @Test
    void anAuditorReadsEverythingAndWritesNothingButTheRecordOfItsExport() {
        Fixtures.agent(admin, "watched");
        long before = Database.footprint(tenant);
        assertThat(AuditSupport.records(auditor, null)).hasSize(1);
        assertThat(AuditSupport.verify(auditor).getBoolean("valid")).isTrue();
        assertThat(AuditSupport.export(auditor)).contains("\"type\":\"record\"");
        as(auditor).post("/api/v1/audit/checkpoints").then().statusCode(403);
        as(auditor)
                .body(Map.of("name", "nope", "sponsor", "s"))
                .post("/api/v1/agents")
                .then()
                .statusCode(403);
        // an export is evidence leaving the server: its read is audited (who, when), and nothing else is written
        assertThat(Database.footprint(tenant)).isEqualTo(before + 1);
        assertThat(AuditSupport.records(auditor, null))
                .extracting(r -> r.get("action"), r -> r.get("actor"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("audit.exported", "auditor@" + tenant),
                        org.assertj.core.groups.Tuple.tuple("agent.created", "admin@" + tenant));

        for (String other :
                List.of(Tokens.of(tenant, "approver", Tokens.APPROVER), Tokens.of(tenant, "scim", Tokens.SCIM))) {
            for (String path : List.of("/api/v1/audit/records", "/api/v1/audit/verify", "/api/v1/audit/export")) {
                as(other).get(path).then().statusCode(403);
            }
        }
        anonymous().get("/api/v1/audit/records").then().statusCode(401);
    }

    @Test
    void anotherTenantsAuditIsNeverVisible() {
        Fixtures.Created mine = Fixtures.agent(admin, "mine");
        String otherTenant = newTenant();
        String otherAdmin = Tokens.admin(otherTenant);
        Fixtures.Created theirs = Fixtures.agent(otherAdmin, "theirs");

        assertThat(AuditSupport.records(otherAdmin, null))
                .extracting(r -> r.get("agentId"))
                .containsExactly(theirs.id());
        assertThat(as(otherAdmin)
                        .queryParam("agentId", mine.id())
                        .get("/api/v1/audit/records")
                        .jsonPath()
                        .getLong("total"))
                .isZero();
        AuditSupport.seal(otherAdmin);
        JsonPath verification = AuditSupport.verify(otherAdmin);
        assertThat(verification.getLong("recordsChecked")).isEqualTo(2);
        String export = AuditSupport.export(otherAdmin);
        assertThat(export).contains(theirs.id()).doesNotContain(mine.id(), tenant);

        // tampering in one tenant does not show up in the other's verification
        Database.execute("update audit_record set outcome = 'DENY' where tenant_id = ?", tenant);
        assertThat(AuditSupport.verify(admin).getBoolean("valid")).isFalse();
        assertThat(AuditSupport.verify(otherAdmin).getBoolean("valid")).isTrue();
    }

    @Test
    void anExportVerifiesOfflineAndATamperedOneDoesNot() throws Exception {
        Fixtures.Created agent = Fixtures.agent(admin, "exported");
        Fixtures.agent(admin, "exported-2");
        AuditSupport.seal(admin);
        Fixtures.agent(admin, "after-the-seal");
        String export = AuditSupport.export(admin);
        assertThat(export.lines().findFirst().orElseThrow()).contains("\"type\":\"export\"", tenant);
        assertThat(export)
                .contains("\"type\":\"key\"", "\"type\":\"checkpoint\"", "\"type\":\"chain\"", "\"type\":\"end\"");

        AuditSupport.Offline genuine = AuditSupport.verifyOffline(export, dir);
        assertThat(genuine.status()).as(genuine.output()).isZero();
        // the four records before it and the export's own, audited before the export was read
        assertThat(genuine.output()).contains("VALID", "5 records");
        Path publicKey = AuditSupport.KEYS.resolve("audit-public.pem");
        AuditSupport.Offline pinned = AuditSupport.verifyOffline(export, dir, "--key", publicKey.toString());
        assertThat(pinned.status()).as(pinned.output()).isZero();

        String recordId =
                AuditSupport.records(admin, agent.id()).get(0).get("id").toString();
        String tampered = export.lines()
                .map(line ->
                        line.contains(recordId) ? line.replace("\"outcome\":\"OK\"", "\"outcome\":\"DENY\"") : line)
                .reduce("", (a, b) -> a + b + "\n");
        AuditSupport.Offline edited = AuditSupport.verifyOffline(tampered, dir);
        assertThat(edited.status()).isEqualTo(1);
        assertThat(edited.output()).contains("record " + recordId + ": EDITED");
        String cut = export.lines().limit(export.lines().count() - 2).reduce("", (a, b) -> a + b + "\n");
        AuditSupport.Offline truncated = AuditSupport.verifyOffline(cut, dir);
        assertThat(truncated.status()).isEqualTo(1);
        assertThat(truncated.output()).contains("TRUNCATED");
    }

    @Test
    void noBearerTokenOrSigningKeyEverReachesAnAuditRecordOrAnExport() throws Exception {
        String secretDescription =
                "Authorization: Bearer " + admin + " password=canary-7f3a api_key=canary-99 mail dave@example.com";
        Response created = as(admin)
                .body(Map.of("name", "leaky", "sponsor", "s", "description", secretDescription))
                .post("/api/v1/agents");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        AuditSupport.seal(admin);

        String records = AuditSupport.get(admin, "/api/v1/audit/records").asString();
        String export = AuditSupport.export(admin);
        String stored = Database.text(
                "select string_agg(details || coalesce(input_summary, ''), '') from audit_record where tenant_id = ?",
                tenant);
        String signature = admin.substring(admin.lastIndexOf('.') + 1);
        List<String> keyMaterial = new java.util.ArrayList<>();
        keyMaterial.addAll(AuditSupport.privateKeyParts(AuditSupport.KEYS.resolve("audit-private.pem")));
        keyMaterial.addAll(AuditSupport.privateKeyParts(AuditSupport.KEYS.resolve("private.pem")));
        for (String text : List.of(records, export, stored)) {
            assertThat(text)
                    .contains("[SECRET]", "[EMAIL]")
                    .doesNotContain(admin, signature, "canary-7f3a", "canary-99", "dave@example.com", "PRIVATE KEY");
            for (String part : keyMaterial) {
                assertThat(text).doesNotContain(part);
            }
        }
        // the export's key line is the public JWK only: no private exponent or CRT parameters
        String keyLine = export.lines()
                .filter(line -> line.contains("\"type\":\"key\""))
                .findFirst()
                .orElseThrow();
        assertThat(keyLine).contains("\"n\":", "\"e\":").doesNotContain("\"d\":", "\"p\":", "\"q\":", "\"dp\":");
    }

    @Test
    void aRolledBackChangeLeavesNoAuditRecordAndNoGap() {
        Fixtures.Created agent = Fixtures.agent(admin, "probe");
        long records = Database.rows("audit_record", tenant);
        // a deferred constraint trigger makes the COMMIT of this one update fail, after the audit append
        Database.execute("create or replace function mandate_it_fail_commit() returns trigger language plpgsql as"
                + " $$ begin raise exception 'rollback probe'; end $$");
        Database.execute("drop trigger if exists mandate_it_rollback_probe on agent");
        Database.execute("create constraint trigger mandate_it_rollback_probe after update on agent"
                + " deferrable initially deferred for each row when (new.description = 'rollback-probe')"
                + " execute function mandate_it_fail_commit()");
        try {
            Response failed = as(admin)
                    .header("If-Match", agent.etag())
                    .body(Map.of("name", "probe", "sponsor", "s", "description", "rollback-probe"))
                    .put("/api/v1/agents/" + agent.id());
            assertThat(failed.statusCode()).as(failed.asString()).isEqualTo(500);
        } finally {
            Database.execute("drop trigger if exists mandate_it_rollback_probe on agent");
        }
        assertThat(Database.rows("audit_record", tenant)).isEqualTo(records);
        assertThat(as(admin).get("/api/v1/agents/" + agent.id()).jsonPath().getString("description"))
                .isNull();

        // a refused change (409, 412) writes no audit record either
        as(admin)
                .body(Map.of("name", "probe", "sponsor", "s"))
                .post("/api/v1/agents")
                .then()
                .statusCode(409);
        as(admin)
                .header("If-Match", "\"7\"")
                .body(Map.of("name", "probe", "sponsor", "s", "description", "stale"))
                .put("/api/v1/agents/" + agent.id())
                .then()
                .statusCode(412);
        assertThat(Database.rows("audit_record", tenant)).isEqualTo(records);

        // the next change takes the sequence the rolled-back one had: no gap in the chain
        as(admin)
                .header("If-Match", agent.etag())
                .body(Map.of("name", "probe", "sponsor", "s", "description", "fine"))
                .put("/api/v1/agents/" + agent.id())
                .then()
                .statusCode(200);
        assertThat(AuditSupport.records(admin, agent.id()))
                .extracting(r -> ((Number) r.get("sequence")).longValue())
                .containsExactly(1L, 2L);
        JsonPath verification = AuditSupport.verify(admin);
        assertThat(verification.getBoolean("valid")).as(verification.prettify()).isTrue();
        assertThat(verification.getLong("recordsChecked")).isEqualTo(records + 1);
    }
}
