package dev.mandate.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The head of one audit chain of a tenant. Appenders lock this row (and only it) to take the next
 * sequence, so appends to one chain are serialised and numbered without gaps while other chains
 * proceed in parallel. It also remembers the newest checkpoint.
 */
@Entity
@Table(name = "audit_chain")
@NamedQuery(
        name = AuditChain.OF_TENANT,
        query = "select c from AuditChain c where c.tenantId = :tenant order by c.chain")
@NamedQuery(
        name = AuditChain.UNSEALED,
        query = "select c.id from AuditChain c where c.headSequence > c.sealedSequence order by c.id")
public class AuditChain {
    public static final String OF_TENANT = "AuditChain.ofTenant";
    public static final String UNSEALED = "AuditChain.unsealed";

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(nullable = false, updatable = false)
    private int chain;

    // the head moves only with the append's own statement (AuditAppender.advance, under the row's lock):
    // the entity reads it, and never writes back a head it read before an append moved it
    @Column(name = "head_sequence", nullable = false, updatable = false)
    private long headSequence;

    @Column(name = "head_hash", nullable = false, updatable = false)
    private String headHash;

    @Column(name = "sealed_sequence", nullable = false)
    private long sealedSequence;

    @Column(name = "checkpoint_count", nullable = false)
    private long checkpointCount;

    @Column(name = "checkpoint_hash", nullable = false)
    private String checkpointHash;

    protected AuditChain() {}

    public AuditChain(String tenantId, int chain) {
        this.id = id(tenantId, chain);
        this.tenantId = tenantId;
        this.chain = chain;
        this.headHash = CanonicalForm.GENESIS;
        this.checkpointHash = CanonicalForm.GENESIS;
    }

    public static String id(String tenantId, int chain) {
        return tenantId + "/" + chain;
    }

    public void sealed(AuditCheckpoint checkpoint) {
        checkpointCount = checkpoint.number();
        checkpointHash = checkpoint.hash();
        sealedSequence = checkpoint.recordSequence();
    }

    public boolean needsSeal() {
        return headSequence > sealedSequence;
    }

    public ChainHead head() {
        return new ChainHead(chain, headSequence, headHash, checkpointCount, checkpointHash);
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

    public long headSequence() {
        return headSequence;
    }

    public String headHash() {
        return headHash;
    }

    public long checkpointCount() {
        return checkpointCount;
    }

    public String checkpointHash() {
        return checkpointHash;
    }
}
