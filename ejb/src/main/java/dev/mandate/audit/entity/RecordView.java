package dev.mandate.audit.entity;

import java.util.List;
import java.util.Map;

/**
 * One audit record as stored or exported: every field the hash covers, the previous hash and the
 * stored hash. {@code timestamp} is already in {@link CanonicalForm#timestamp canonical form}.
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
        String hash) {

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
                hash);
    }
}
