package dev.mandate.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** A signed checkpoint of one chain (like a certificate-transparency signed tree head). Never changed. */
@Entity
@Table(name = "audit_checkpoint")
@NamedQuery(
        name = AuditCheckpoint.OF_CHAIN,
        query = "select c from AuditCheckpoint c where c.tenantId = :tenant and c.chain = :chain"
                + " and c.number <= :upTo order by c.number")
public class AuditCheckpoint {
    public static final String OF_CHAIN = "AuditCheckpoint.ofChain";

    @Id
    @Column(updatable = false)
    private String id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(nullable = false, updatable = false)
    private int chain;

    @Column(nullable = false, updatable = false)
    private long number;

    @Column(name = "record_sequence", nullable = false, updatable = false)
    private long recordSequence;

    @Column(name = "head_hash", nullable = false, updatable = false)
    private String headHash;

    @Column(name = "sealed_at", nullable = false, updatable = false)
    private OffsetDateTime sealedAt;

    @Column(name = "previous_checkpoint_hash", nullable = false, updatable = false)
    private String previousCheckpointHash;

    @Column(name = "key_id", nullable = false, updatable = false)
    private String keyId;

    @Column(nullable = false, updatable = false)
    private String hash;

    @Column(nullable = false, updatable = false)
    private String signature;

    protected AuditCheckpoint() {}

    /** From a signed view (see {@code CheckpointSignatures.sign}). */
    public AuditCheckpoint(CheckpointView signed) {
        this.id = UUID.randomUUID().toString();
        this.tenantId = signed.tenant();
        this.chain = signed.chain();
        this.number = signed.number();
        this.recordSequence = signed.recordSequence();
        this.headHash = signed.headHash();
        this.sealedAt = OffsetDateTime.parse(signed.sealedAt(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        this.previousCheckpointHash = signed.previousCheckpointHash();
        this.keyId = signed.keyId();
        this.hash = signed.hash();
        this.signature = signed.signature();
    }

    public CheckpointView view() {
        return new CheckpointView(
                tenantId,
                chain,
                number,
                recordSequence,
                headHash,
                CanonicalForm.timestamp(sealedAt),
                previousCheckpointHash,
                keyId,
                hash,
                signature);
    }

    public String id() {
        return id;
    }

    public int chain() {
        return chain;
    }

    public long number() {
        return number;
    }

    public long recordSequence() {
        return recordSequence;
    }

    public String headHash() {
        return headHash;
    }

    public OffsetDateTime sealedAt() {
        return sealedAt;
    }

    public String keyId() {
        return keyId;
    }

    public String hash() {
        return hash;
    }
}
