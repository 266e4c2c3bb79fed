package dev.mandate.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.audit.verify.CanonicalForm;
import dev.mandate.audit.verify.RecordView;
import dev.mandate.it.support.Database;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 6: someone with access to the database edits, deletes, swaps, truncates or forges audit
 * records (or a checkpoint). {@code GET /api/v1/audit/verify} finds each and names the first bad record.
 * Each test has its own tenant: one agent changed six times (one chain, sequences 1 to 6), then sealed.
 */
class AuditTamperIT extends MandateIT {

    private final String tenant = newTenant();
    private final String admin = Tokens.admin(tenant);
    private String agentId;
    private int chain;
    private List<Map<String, Object>> records;

    @TempDir
    Path dir;

    @BeforeEach
    void sixRecordsOfOneAgentSealed() {
        Fixtures.Created agent = Fixtures.agent(admin, "tamper-target");
        agentId = agent.id();
        String etag = agent.etag();
        for (int i = 2; i <= 6; i++) {
            Response updated = as(admin)
                    .header("If-Match", etag)
                    .body(Map.of("name", "tamper-target", "sponsor", "s", "description", "version " + i))
                    .put("/api/v1/agents/" + agentId);
            assertThat(updated.statusCode()).isEqualTo(200);
            etag = updated.header("ETag");
        }
        AuditSupport.seal(admin);
        records = AuditSupport.records(admin, agentId);
        assertThat(records)
                .extracting(r -> ((Number) r.get("sequence")).longValue())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        chain = (Integer) records.get(0).get("chain");
        assertThat(AuditSupport.verify(admin).getBoolean("valid")).isTrue();
    }

    private String id(int sequence) {
        return records.get(sequence - 1).get("id").toString();
    }

    @Test
    void anEditedFieldIsNamed() throws Exception {
        Database.execute("update audit_record set outcome = 'DENY' where id = ?", id(3));
        assertFirstBad(3, id(3), "EDITED");

        // the export of the tampered database fails offline on the same record
        AuditSupport.Offline offline = AuditSupport.verifyOffline(AuditSupport.export(admin), dir);
        assertThat(offline.status()).isEqualTo(1);
        assertThat(offline.output()).contains("chain " + chain + ", sequence 3, record " + id(3) + ": EDITED");
    }

    @Test
    void anEditedTimestampIsNamed() {
        Database.execute(
                "update audit_record set recorded_at = recorded_at + interval '1 microsecond' where id = ?", id(2));
        assertFirstBad(2, id(2), "EDITED");
    }

    @Test
    void anEditedSummaryIsNamed() {
        Database.execute(
                "update audit_record set details = replace(details, 'version 4', 'version X') where id = ?", id(4));
        assertFirstBad(4, id(4), "EDITED");
    }

    @Test
    void aDeletedRecordIsNamed() {
        Database.execute("delete from audit_record where id = ?", id(3));
        assertFirstBad(3, null, "MISSING");
    }

    @Test
    void twoSwappedRecordsAreNamed() {
        Database.execute("update audit_record set sequence = -2 where id = ?", id(2));
        Database.execute("update audit_record set sequence = 2 where id = ?", id(3));
        Database.execute("update audit_record set sequence = 3 where id = ?", id(2));
        assertFirstBad(2, id(3), "REORDERED");
    }

    @Test
    void aTruncatedTailIsNamedEvenWhenTheChainHeadIsAdjustedToo() {
        Database.execute("delete from audit_record where tenant_id = ? and chain = ? and sequence >= 5", tenant, chain);
        assertFirstBad(5, null, "TRUNCATED");

        // the attacker also moves the head row back: the signed checkpoint still says 6 records
        Database.execute(
                "update audit_chain set head_sequence = 4, head_hash = ? where tenant_id = ? and chain = ?",
                records.get(3).get("hash").toString(),
                tenant,
                chain);
        assertFirstBad(5, null, "TRUNCATED");
    }

    @Test
    void aForgedRecordAppendedWithACorrectHashIsNamed() {
        long head = Database.count(
                "select max(sequence) from audit_record where tenant_id = ? and chain = ?", tenant, chain);
        String previous = Database.text(
                "select hash from audit_record where tenant_id = ? and chain = ? and sequence = ?",
                tenant,
                chain,
                head);
        // ids unique per run: the development loop (dev-it.sh run) reuses the database
        String forged = UUID.randomUUID().toString();
        insertForged(forged, head + 1, previous, true);
        assertFirstBad(head + 1, forged, "INSERTED");
    }

    @Test
    void aForgedRecordInsertedInTheMiddleIsNamed() {
        long head = Database.count(
                "select max(sequence) from audit_record where tenant_id = ? and chain = ?", tenant, chain);
        for (long sequence = head; sequence >= 4; sequence--) {
            Database.execute(
                    "update audit_record set sequence = sequence + 1 where tenant_id = ? and chain = ? and sequence = ?",
                    tenant,
                    chain,
                    sequence);
        }
        String forged = UUID.randomUUID().toString();
        insertForged(forged, 4, records.get(2).get("hash").toString(), true);
        assertFirstBad(4, forged, "INSERTED");
    }

    @Test
    void aTamperedCheckpointIsABadSignature() {
        Database.execute(
                "update audit_checkpoint set head_hash = ? where tenant_id = ? and chain = ?",
                records.get(4).get("hash").toString(),
                tenant,
                chain);
        JsonPath verification = AuditSupport.verify(admin);
        assertThat(verification.getBoolean("valid")).isFalse();
        assertThat(verification.getString("firstBad.problem")).isEqualTo("BAD_SIGNATURE");
        assertThat(verification.getInt("firstBad.chain")).isEqualTo(chain);
    }

    private void insertForged(String id, long sequence, String previousHash, boolean correctHash) {
        String timestamp = "2026-11-21T12:00:00.000000Z";
        RecordView forged = new RecordView(
                id,
                tenant,
                chain,
                sequence,
                timestamp,
                "attacker",
                agentId,
                null,
                null,
                "agent.updated",
                "OK",
                List.of(),
                "nothing to see",
                null,
                Map.of(),
                previousHash,
                null);
        String hash = correctHash ? CanonicalForm.recordHash(forged) : "e".repeat(64);
        Database.execute(
                "insert into audit_record (id, tenant_id, chain, sequence, recorded_at, actor, agent_id, action,"
                        + " outcome, rule_ids, input_summary, details, previous_hash, hash)"
                        + " values (?, ?, ?, ?, cast(? as timestamp with time zone), ?, ?, ?, ?, '[]', ?, '{}', ?, ?)",
                id,
                tenant,
                chain,
                sequence,
                timestamp,
                "attacker",
                agentId,
                "agent.updated",
                "OK",
                "nothing to see",
                previousHash,
                hash);
    }

    private void assertFirstBad(long sequence, String recordId, String problem) {
        JsonPath verification = AuditSupport.verify(admin);
        assertThat(verification.getBoolean("valid")).as(verification.prettify()).isFalse();
        assertThat(verification.getInt("firstBad.chain"))
                .as(verification.prettify())
                .isEqualTo(chain);
        assertThat(verification.getLong("firstBad.sequence"))
                .as(verification.prettify())
                .isEqualTo(sequence);
        assertThat(verification.getString("firstBad.recordId"))
                .as(verification.prettify())
                .isEqualTo(recordId);
        assertThat(verification.getString("firstBad.problem"))
                .as(verification.prettify())
                .isEqualTo(problem);
    }
}
