package dev.mandate.audit.entity;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One audit record: immutable once written (every column is {@code updatable = false}, and the
 * application has no update or delete for it but one: retention deletes an old record's summary and salt,
 * which its hash covers only through their digest). Its hash covers every column and the previous record's
 * hash (see {@link CanonicalForm#record}).
 */
@Entity
@Table(name = "audit_record")
public class AuditRecord {

    @Id
    @Column(updatable = false)
    private String id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(nullable = false, updatable = false)
    private int chain;

    @Column(nullable = false, updatable = false)
    private long sequence;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private OffsetDateTime recordedAt;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Column(name = "agent_id", updatable = false)
    private String agentId;

    @Column(name = "task_id", updatable = false)
    private String taskId;

    @Column(name = "trace_id", updatable = false)
    private String traceId;

    @Column(nullable = false, updatable = false)
    private String action;

    @Column(nullable = false, updatable = false)
    private String outcome;

    /** Canonical JSON array. */
    @Column(name = "rule_ids", nullable = false, updatable = false)
    private String ruleIds;

    @Column(name = "input_summary", updatable = false)
    private String inputSummary;

    @Column(name = "policy_version", updatable = false)
    private String policyVersion;

    /** Random, per record; with the summary, deleted by retention (see {@link RecordView}). */
    @Column(name = "input_summary_salt", updatable = false)
    private String inputSummarySalt;

    @Column(name = "input_summary_digest", updatable = false)
    private String inputSummaryDigest;

    /** Canonical JSON object, members sorted by key. */
    @Column(nullable = false, updatable = false)
    private String details;

    @Column(name = "previous_hash", nullable = false, updatable = false)
    private String previousHash;

    @Column(nullable = false, updatable = false)
    private String hash;

    private static final SecureRandom SALTS = new SecureRandom();

    protected AuditRecord() {}

    /**
     * A record at {@code sequence} of {@code chain}, after the record whose hash is {@code previousHash}.
     * The entry must already be redacted and bounded.
     */
    public AuditRecord(
            String id, AuditEntry entry, int chain, long sequence, OffsetDateTime recordedAt, String previousHash) {
        this.id = id;
        this.tenantId = entry.tenant();
        this.chain = chain;
        this.sequence = sequence;
        this.recordedAt = CanonicalForm.truncate(recordedAt);
        this.actor = entry.actor();
        this.agentId = entry.agentId();
        this.taskId = entry.taskId();
        this.traceId = entry.traceId();
        this.action = entry.action();
        this.outcome = entry.outcome();
        this.ruleIds = CanonicalForm.ruleIds(entry.ruleIds() == null ? List.of() : entry.ruleIds());
        this.inputSummary = entry.inputSummary();
        if (inputSummary != null) {
            byte[] salt = new byte[16];
            SALTS.nextBytes(salt);
            this.inputSummarySalt = HexFormat.of().formatHex(salt);
            this.inputSummaryDigest = CanonicalForm.summaryDigest(inputSummarySalt, inputSummary);
        }
        this.policyVersion = entry.policyVersion();
        this.details = CanonicalForm.details(entry.details() == null ? Map.of() : entry.details());
        this.previousHash = previousHash;
        this.hash = CanonicalForm.recordHash(view());
    }

    /** The record as the verifier and the export see it. */
    public RecordView view() {
        return new RecordView(
                id,
                tenantId,
                chain,
                sequence,
                CanonicalForm.timestamp(recordedAt),
                actor,
                agentId,
                taskId,
                traceId,
                action,
                outcome,
                ruleIdList(),
                inputSummary,
                policyVersion,
                detailMap(),
                previousHash,
                hash,
                inputSummarySalt,
                inputSummaryDigest);
    }

    public String inputSummarySalt() {
        return inputSummarySalt;
    }

    public String inputSummaryDigest() {
        return inputSummaryDigest;
    }

    public List<String> ruleIdList() {
        return ruleIdList(ruleIds);
    }

    public Map<String, String> detailMap() {
        return detailMap(details);
    }

    /** The rule ids of a stored {@code rule_ids} column. */
    public static List<String> ruleIdList(String ruleIds) {
        try {
            return JSONArrayUtils.parse(ruleIds).stream().map(String::valueOf).toList();
        } catch (ParseException | RuntimeException e) {
            // a tampered column: keep the raw text so the hash check reports it
            return List.of(String.valueOf(ruleIds));
        }
    }

    /** The details of a stored {@code details} column. */
    public static Map<String, String> detailMap(String details) {
        try {
            Map<String, String> parsed = new TreeMap<>();
            JSONObjectUtils.parse(details).forEach((k, v) -> parsed.put(k, v == null ? null : String.valueOf(v)));
            return parsed;
        } catch (ParseException | RuntimeException e) {
            return Map.of("<unreadable>", String.valueOf(details));
        }
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public int chain() {
        return chain;
    }

    public long sequence() {
        return sequence;
    }

    public OffsetDateTime recordedAt() {
        return recordedAt;
    }

    public String actor() {
        return actor;
    }

    public String agentId() {
        return agentId;
    }

    public String taskId() {
        return taskId;
    }

    public String traceId() {
        return traceId;
    }

    public String action() {
        return action;
    }

    public String outcome() {
        return outcome;
    }

    public String inputSummary() {
        return inputSummary;
    }

    public String policyVersion() {
        return policyVersion;
    }

    /** The rule ids as stored: a canonical JSON array. */
    public String ruleIdsJson() {
        return ruleIds;
    }

    /** The details as stored: a canonical JSON object. */
    public String detailsJson() {
        return details;
    }

    public String previousHash() {
        return previousHash;
    }

    public String hash() {
        return hash;
    }
}
