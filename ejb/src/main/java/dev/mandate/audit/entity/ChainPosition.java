package dev.mandate.audit.entity;

import java.time.OffsetDateTime;

/**
 * Where an audit chain's head stands, as an appender read it under the chain's lock: the next record
 * gets the next sequence, the head's hash as its predecessor's, and a time not before the head's.
 *
 * @param headTime the newest record's time, or null while the chain is empty
 */
public record ChainPosition(String chainId, int chain, long headSequence, String headHash, OffsetDateTime headTime) {

    /** An empty chain. */
    public static ChainPosition genesis(String tenant, int chain) {
        return new ChainPosition(AuditChain.id(tenant, chain), chain, 0, CanonicalForm.GENESIS, null);
    }

    public long nextSequence() {
        return headSequence + 1;
    }

    /**
     * The time for the next record: now, but never before the chain's newest record, so a clock that
     * steps back does not make a chain's timestamps go backwards.
     */
    public OffsetDateTime nextTime(OffsetDateTime now) {
        OffsetDateTime truncated = CanonicalForm.truncate(now);
        return headTime != null && headTime.isAfter(truncated) ? headTime : truncated;
    }

    /** The position once {@code record} is appended; it must continue this one. */
    public ChainPosition after(AuditRecord record) {
        if (record.chain() != chain
                || record.sequence() != nextSequence()
                || !record.previousHash().equals(headHash)) {
            throw new IllegalStateException("audit record does not continue chain " + chainId);
        }
        return new ChainPosition(chainId, chain, record.sequence(), record.hash(), record.recordedAt());
    }
}
