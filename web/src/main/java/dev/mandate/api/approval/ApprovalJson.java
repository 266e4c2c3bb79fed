package dev.mandate.api.approval;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.approval.entity.ApprovalView;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/** An approval request as the API shows it. */
public final class ApprovalJson {

    private ApprovalJson() {}

    public static JsonObject of(ApprovalView a) {
        return builder(a).build();
    }

    public static JsonObjectBuilder builder(ApprovalView a) {
        JsonArrayBuilder votes = JSON.createArrayBuilder();
        for (ApprovalView.Vote v : a.votes()) {
            JsonObjectBuilder vote = JSON.createObjectBuilder()
                    .add("by", v.approver())
                    .add("vote", v.vote())
                    .add("role", v.role())
                    .add("at", v.at().toString());
            if (v.reason() != null) {
                vote.add("reason", v.reason());
            }
            votes.add(vote);
        }
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", a.id())
                .add("envelopeId", a.envelopeId())
                .add("agentId", a.agentId())
                .add("taskId", a.taskId())
                .add("taskType", a.taskType())
                .add("tool", a.tool())
                .add("action", a.action())
                .add("riskClass", a.riskClass())
                .add("argumentsHash", a.argumentsHash())
                .add("status", a.status().name())
                .add("requiredApprovals", a.requiredApprovals())
                .add("approvals", a.approvals())
                .add("votes", votes)
                .add("approverRoles", JSON.createArrayBuilder(a.approverRoles()))
                .add("fallbackRoles", JSON.createArrayBuilder(a.fallbackRoles()))
                .add("withFallbackApprovers", a.fallback())
                .add("sponsorMayApprove", a.sponsorMayApprove())
                .add("slaClass", a.slaClass())
                .add("onExpiry", a.onExpiry().name())
                .add("dueAt", a.dueAt().toInstant().toString())
                .add(
                        "breached",
                        a.dueAt().toInstant().isBefore(Instant.now())
                                || a.status().name().equals("EXPIRED"))
                .add("heldCost", a.heldCost())
                .add("createdAt", a.createdAt().toInstant().toString());
        if (a.decidedAt() != null) {
            json.add("decidedAt", a.decidedAt().toInstant().toString()).add("decidedBy", a.decidedBy());
            if (a.decisionReason() != null) {
                json.add("decisionReason", a.decisionReason());
            }
        }
        return json;
    }
}
