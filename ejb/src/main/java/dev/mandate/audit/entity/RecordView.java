package dev.mandate.audit.entity;

import java.util.List;
import java.util.Map;

/**
 * One audit record as stored or exported: every field the hash covers, the previous hash and the
 * stored hash. {@code timestamp} is already in {@link CanonicalForm#timestamp canonical form}.
 *
 * <p>{@code inputSummarySalt} and {@code inputSummaryDigest}: a record written since V22 commits to its
 * summary through {@code SHA-256(salt + summary)} (see {@link CanonicalForm#record}); retention may then
 * delete the summary and its salt, keeping the digest, and the record still verifies. Both are null on
 * records written before, whose hash covers the summary itself.
 */
public record RecordView(
        String id,
        String tenant,
        int chain,
        long sequence,
        String timestamp,
        String actor,
        String agentId,
        String taskId,
        String traceId,
        String action,
        String outcome,
        List<String> ruleIds,
        String inputSummary,
        String policyVersion,
        Map<String, String> details,
        String previousHash,
        String hash,
        String inputSummarySalt,
        String inputSummaryDigest) {

    /** A record that does not commit to its summary through a digest (written before V22, or without one). */
    public RecordView(
            String id,
            String tenant,
            int chain,
            long sequence,
            String timestamp,
            String actor,
            String agentId,
            String taskId,
            String traceId,
            String action,
            String outcome,
            List<String> ruleIds,
            String inputSummary,
            String policyVersion,
            Map<String, String> details,
            String previousHash,
            String hash) {
        this(
                id,
                tenant,
                chain,
                sequence,
                timestamp,
                actor,
                agentId,
                taskId,
                traceId,
                action,
                outcome,
                ruleIds,
                inputSummary,
                policyVersion,
                details,
                previousHash,
                hash,
                null,
                null);
    }

    public RecordView {
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** The same record claiming another position: how a moved record is recognised. */
    public RecordView atSequence(long otherSequence) {
        return new RecordView(
                id,
                tenant,
                chain,
                otherSequence,
                timestamp,
                actor,
                agentId,
                taskId,
                traceId,
                action,
                outcome,
                ruleIds,
                inputSummary,
                policyVersion,
                details,
                previousHash,
                hash,
                inputSummarySalt,
                inputSummaryDigest);
    }
}
