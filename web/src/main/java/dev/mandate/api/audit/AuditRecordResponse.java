package dev.mandate.api.audit;

import dev.mandate.audit.entity.AuditRecord;
import dev.mandate.audit.entity.CanonicalForm;
import java.util.List;
import java.util.Map;

/** One audit record with its place in its chain and its hashes. */
public record AuditRecordResponse(
        String id,
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

    public static AuditRecordResponse of(AuditRecord record) {
        return new AuditRecordResponse(
                record.id(),
                record.chain(),
                record.sequence(),
                CanonicalForm.timestamp(record.recordedAt()),
                record.actor(),
                record.agentId(),
                record.taskId(),
                record.traceId(),
                record.action(),
                record.outcome(),
                record.ruleIdList(),
                record.inputSummary(),
                record.policyVersion(),
                record.detailMap(),
                record.previousHash(),
                record.hash());
    }
}
