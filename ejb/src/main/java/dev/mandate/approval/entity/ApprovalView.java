package dev.mandate.approval.entity;

import dev.mandate.routing.entity.OnExpiry;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** An approval request as people and the agent see it. */
public record ApprovalView(
        String id,
        String tenant,
        String envelopeId,
        String agentId,
        String sponsor,
        String taskId,
        String taskType,
        String tool,
        String action,
        String riskClass,
        String argumentsHash,
        int requiredApprovals,
        boolean sponsorMayApprove,
        String slaClass,
        OnExpiry onExpiry,
        OffsetDateTime dueAt,
        boolean fallback,
        ApprovalStatus status,
        BigDecimal heldCost,
        int modelCalls,
        String callbackUrl,
        OffsetDateTime decidedAt,
        String decidedBy,
        String decisionReason,
        OffsetDateTime createdAt,
        List<String> approverRoles,
        List<String> fallbackRoles,
        List<Vote> votes) {

    /** One person's vote. */
    public record Vote(String approver, String vote, String role, String reason, OffsetDateTime at) {}

    public long approvals() {
        return votes.stream().filter(v -> v.vote().equals("APPROVE")).count();
    }

    /** The roles whose holders may decide it now: its approvers, and once past its first due time the fallback ones. */
    public List<String> decidingRoles() {
        if (!fallback) {
            return approverRoles;
        }
        List<String> both = new java.util.ArrayList<>(approverRoles);
        both.addAll(fallbackRoles);
        return both;
    }

    public java.util.Optional<Vote> voteOf(String person) {
        return votes.stream().filter(v -> v.approver().equals(person)).findFirst();
    }
}
