package dev.mandate.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.audit.control.ChainShards;
import dev.mandate.audit.entity.CanonicalForm;
import dev.mandate.audit.entity.RecordView;
import dev.mandate.it.support.Database;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Files;
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
 * The test domain witnesses every checkpoint in a directory outside the database
 * ({@link AuditSupport#WITNESS}), which the attacker here cannot reach.
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
        AuditSupport.Offline offline = AuditSupport.verifyOffline(AuditSupport.export(exporter()), dir);
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

    /**
     * The issue's attack: the chain's newest records deleted together with the checkpoint that sealed
     * them, and the head row rewound to match. The database alone then verifies; the witness still holds
     * the deleted checkpoint and the verifier names the first lost record.
     */
    @Test
    void aTailCutWithItsNewestCheckpointAndARewoundHeadIsTruncatedByTheWitness() throws Exception {
        updateAgent(7);
        updateAgent(8);
        AuditSupport.seal(admin);
        long sealedFirst = Database.count(
                "select record_sequence from audit_checkpoint where tenant_id = ? and chain = ? and number = 1",
                tenant,
                chain);
        assertThat(Database.count(
                        "select count(*) from audit_checkpoint where tenant_id = ? and chain = ?", tenant, chain))
                .isEqualTo(2);

        Database.execute(
                "delete from audit_record where tenant_id = ? and chain = ? and sequence > ?",
                tenant,
                chain,
                sealedFirst);
        Database.execute(
                "delete from audit_checkpoint where tenant_id = ? and chain = ? and number > 1", tenant, chain);
        Database.execute(
                "update audit_chain set head_sequence = ?, sealed_sequence = ?, checkpoint_count = 1,"
                        + " head_hash = (select hash from audit_record where tenant_id = ? and chain = ? and sequence = ?),"
                        + " checkpoint_hash = (select hash from audit_checkpoint where tenant_id = ? and chain = ?"
                        + " and number = 1) where tenant_id = ? and chain = ?",
                sealedFirst,
                sealedFirst,
                tenant,
                chain,
                sealedFirst,
                tenant,
                chain,
                tenant,
                chain);

        // without the witness the database tells a consistent story
        Path witness = AuditSupport.WITNESS.resolve(tenant);
        Path aside = AuditSupport.WITNESS.resolve(tenant + ".aside");
        assertThat(witness).as("the tenant's checkpoints were witnessed").isDirectory();
        Files.move(witness, aside);
        try {
            assertThat(AuditSupport.verify(admin).getBoolean("valid")).isTrue();
        } finally {
            Files.move(aside, witness);
        }
        assertFirstBad(sealedFirst + 1, null, "TRUNCATED");
        assertThat(AuditSupport.verify(admin).getString("firstBad.detail")).contains("witnessed");

        // offline, an export of the cut database against the auditors' copy of the witness
        AuditSupport.Offline offline = AuditSupport.verifyOffline(
                AuditSupport.export(exporter()),
                dir,
                "--key",
                AuditSupport.KEYS.resolve("audit-public.pem").toString(),
                "--witness",
                AuditSupport.WITNESS.toString());
        assertThat(offline.status()).as(offline.output()).isEqualTo(1);
        assertThat(offline.output())
                .contains("chain " + chain + ", sequence " + (sealedFirst + 1) + ", record -: TRUNCATED");
    }

    @Test
    void aDeletedWholeChainIsMissing() {
        Database.execute("delete from audit_record where tenant_id = ? and chain = ?", tenant, chain);
        Database.execute("delete from audit_checkpoint where tenant_id = ? and chain = ?", tenant, chain);
        Database.execute("delete from audit_chain where tenant_id = ? and chain = ?", tenant, chain);
        assertFirstBad(1, null, "MISSING");
        assertThat(AuditSupport.verify(admin).getString("firstBad.detail")).contains("the chain is missing");
    }

    @Test
    void anExportWithoutCheckpointsFailsOfflineWithAPinnedKey() throws Exception {
        long sealed = Database.count(
                "select record_sequence from audit_checkpoint where tenant_id = ? and chain = ? and number = 1",
                tenant,
                chain);
        String sealedId = Database.text(
                "select id from audit_record where tenant_id = ? and chain = ? and sequence = ?",
                tenant,
                chain,
                sealed);
        // every checkpoint deleted, and every head row told it never had one
        Database.execute("delete from audit_checkpoint where tenant_id = ?", tenant);
        Database.execute(
                "update audit_chain set checkpoint_count = 0, sealed_sequence = 0, checkpoint_hash = ? where tenant_id = ?",
                CanonicalForm.GENESIS,
                tenant);
        String export = AuditSupport.export(exporter());
        assertThat(export).doesNotContain("\"type\":\"checkpoint\"");

        AuditSupport.Offline unpinned = AuditSupport.verifyOffline(export, dir);
        assertThat(unpinned.status())
                .as("consistent in itself: " + unpinned.output())
                .isZero();
        AuditSupport.Offline pinned = AuditSupport.verifyOffline(
                export,
                dir,
                "--key",
                AuditSupport.KEYS.resolve("audit-public.pem").toString());
        assertThat(pinned.status()).as(pinned.output()).isEqualTo(1);
        assertThat(pinned.output()).contains("MISSING", "no signed checkpoint");

        String named = "chain " + chain + ", sequence " + sealed + ", record " + sealedId + ": MISSING";
        AuditSupport.Offline witnessed =
                AuditSupport.verifyOffline(export, dir, "--witness", AuditSupport.WITNESS.toString());
        assertThat(witnessed.status()).as(witnessed.output()).isEqualTo(1);
        assertThat(witnessed.output()).contains(named);
        // online, the witness names the same
        JsonPath verification = AuditSupport.verify(admin);
        assertThat(verification.getBoolean("valid")).isFalse();
        assertThat(verification.getList("problems", Map.class))
                .as(verification.prettify())
                .anySatisfy(problem -> {
                    assertThat(problem.get("chain")).isEqualTo(chain);
                    assertThat(((Number) problem.get("sequence")).longValue()).isEqualTo(sealed);
                    assertThat(problem.get("recordId")).isEqualTo(sealedId);
                    assertThat(problem.get("problem")).isEqualTo("MISSING");
                });
    }

    private void updateAgent(int version) {
        String etag = as(admin).get("/api/v1/agents/" + agentId).header("ETag");
        Response updated = as(admin)
                .header("If-Match", etag)
                .body(Map.of("name", "tamper-target", "sponsor", "s", "description", "version " + version))
                .put("/api/v1/agents/" + agentId);
        assertThat(updated.statusCode()).isEqualTo(200);
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

    /**
     * An auditor whose records go to another chain than the one tampered with: an export is audited before it
     * is read, and its record must not land on the tail the attacker cut (the default 8 chains per tenant).
     */
    private String exporter() {
        for (int i = 0; ; i++) {
            String subject = "exporter-" + i + "@" + tenant;
            if (ChainShards.shard(null, subject, 8) != chain) {
                return Tokens.of(tenant, subject, Tokens.AUDITOR);
            }
        }
    }
}
